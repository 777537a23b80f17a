// The portals module's public surface: other code imports this module only from here (or its tables.ts).
export { findPortalBySlug, findPortalOfCompany } from './repository.js';
export type { PortalWithCompany } from './repository.js';
export { portalRoutes } from './routes.js';
export { enabledPortal, liveOpen, portalContext, sharedReads } from './service.js';
export type { PortalContext } from './service.js';
