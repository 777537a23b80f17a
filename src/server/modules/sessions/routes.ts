import type { App, Deps } from '../../platform/http/types.js';

/** The technicians' side: create, list, read, end, invite, transfer, recording choice, ICE servers. */
export async function sessionRoutes(_app: App, _deps: Deps): Promise<void> {}
