// The companies module's public surface: other code imports this module only from here (or its tables.ts).
export { findVisibleCompany, requireCompany } from './access.js';
export { checkedCompanies } from './company-choice.js';
export { findCompany } from './repository.js';
export { companyRoutes } from './routes.js';
