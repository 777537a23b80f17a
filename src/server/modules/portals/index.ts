/**
 * The portals module: one customer portal per company (a trigger in migration 0010 creates it with the company;
 * existing ones were backfilled): address, texts, fields, business hours (`business-hours.ts`, a pure function
 * in the portal's time zone with holidays), `GET/PATCH /companies/{id}/portal`, the console's list `GET
 * /portals` (state and address, keyset pages by company name), the public `GET /api/portal/{slug}` and its logo;
 * `portal.*` settings read through the resolver
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { findPortalBySlug, findPortalOfCompany } from './repository.js';
export type { PortalWithCompany } from './repository.js';
export { portalRoutes } from './routes.js';
export { enabledPortal, liveOpen, portalContext, sharedReads } from './service.js';
export type { PortalContext } from './service.js';
