// The accounts module's public surface: other code imports this module only from here (or its tables.ts).
export { createAccount } from './create-account.js';
export type { NewAccount } from './create-account.js';
export { loadPresentedAccount } from './presenter.js';
export { anyAccountExists, findAccount } from './repository.js';
export { accountRoutes } from './routes.js';
