/**
 * The setup module: `createAccount` (account + first company + licence + administrator, audited; also used by
 * the cli, the demo and tests), the one-time setup token, `POST /setup` (closed once an account exists),
 * start-up bootstrap
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { bootstrapFirstAccount } from './bootstrap.js';
export { adminNameFromEmail, createAccount } from './create-account.js';
export type { NewAccount } from './create-account.js';
export { setupRoutes } from './routes.js';
export { issueSetupToken } from './service.js';
