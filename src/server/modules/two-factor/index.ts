// The two-factor module's public surface: other code imports this module only from here (or its tables.ts).
export { recoveryCodesLeft, twoFactorEnabledAmong } from './repository.js';
export { twoFactorRoutes } from './routes.js';
export { resealTotpSecrets, verifySecondFactor } from './service.js';
