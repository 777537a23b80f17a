import type { App, Deps } from '../../platform/http/types.js';

export async function seatRoutes(_app: App, _deps: Deps) {}
