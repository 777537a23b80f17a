/**
 * The portal-page module: the customer portal's page: `/portal/{slug}` (and below it, e.g. the follow link)
 * answers the built `dist/portal/index.html` under a strict CSP (`csp.ts`: own scripts and styles only,
 * same-origin network, framed only by the console's preview); its files under `/portal/_app/` are read into
 * memory once (`bundle.ts`) so no request path reaches the file system; an unknown address or a disabled portal
 * answers 404 with a short page in English and French (`closed-page.ts`; "this support page is closed" for a
 * disabled one), `/portal/_preview` is the console's preview frame; `/join`, the account's join page for a session's code, is the same page
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { portalPageRoutes } from './routes.js';
