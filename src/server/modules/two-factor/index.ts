/**
 * The two-factor module: TOTP enrolment, recovery codes, the second sign-in step, administrator reset (and its
 * e-mail, `reset-mail.ts`)
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { recoveryCodesLeft, twoFactorEnabledAmong } from './repository.js';
export { twoFactorRoutes } from './routes.js';
export { resealTotpSecrets, verifySecondFactor } from './service.js';
