// The setup module's public surface: other code imports this module only from here (or its tables.ts).
export { bootstrapFirstAccount } from './bootstrap.js';
export { createAccount } from './create-account.js';
export type { NewAccount } from './create-account.js';
export { setupRoutes } from './routes.js';
export { issueSetupToken } from './service.js';
