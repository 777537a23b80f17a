import type { App, Deps } from '../../platform/http/types.js';

/** The customer's side: join by code (a portal, or the account's join page), consent, sharing, ICE servers. */
export async function portalSessionRoutes(_app: App, _deps: Deps): Promise<void> {}
