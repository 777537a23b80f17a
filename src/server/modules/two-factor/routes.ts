import type { App, Deps } from '../../platform/http/types.js';

export async function twoFactorRoutes(_app: App, _deps: Deps) {}
