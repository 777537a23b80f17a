/**
 * The accounts module: the account (its row is `platform/tenancy/tables.ts`, which every table references), its
 * licence (`tables.ts`: seats per module and the device limit; `findLicence` in `repository.ts`), its word for "company"
 * (`company-label.ts`), `/accounts/current`
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { presentedAccountWith } from './presenter.js';
export { anyAccountExists, findAccount, findLicence } from './repository.js';
export type { AccountRow, LicenceRow } from './repository.js';
export { accountRoutes } from './routes.js';
