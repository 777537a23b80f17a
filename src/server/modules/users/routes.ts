import type { App, Deps } from '../../platform/http/types.js';

export async function userRoutes(_app: App, _deps: Deps) {}
