/**
 * The companies module: companies, branding and logos, data keys, user access (who can reach a company or could
 * be given it: only users the actor may see, as on the users list), the company switcher's filter; `access.ts`:
 * `requireCompany(db, actor, companyId, permission)` (404 for a company the actor cannot see, then 403), the one
 * entry to a company for every module, and `findVisibleCompany`; `company-choice.ts`: the one check of a
 * "companies" field (all, or the account's companies) used by contacts, alert rules and report schedules
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { findVisibleCompany, requireCompany } from './access.js';
export { checkedCompanies } from './company-choice.js';
export { companyIdsByAccount, findCompany } from './repository.js';
export { companyRoutes } from './routes.js';
