import type { App, Deps } from '../../platform/http/types.js';

export async function outboxRoutes(_app: App, _deps: Deps) {}
