import type { App, Deps } from '../../platform/http/types.js';

export async function companyRoutes(_app: App, _deps: Deps) {}
