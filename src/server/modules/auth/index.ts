// The auth module's public surface: other code imports this module only from here (or its tables.ts).
export {
  authenticationHook,
  credentialOf,
  forgetChangedIdentities,
  mustEnrolTwoFactor,
  recheckCredential,
} from './authenticate.js';
export type { Credential } from './authenticate.js';
export { assertCurrentPassword } from './current-password.js';
export { IdentityCache } from './identity-cache.js';
export type { CachedIdentity } from './identity-cache.js';
export { authRoutes } from './routes.js';
export { startSession } from './service.js';
export { createSession, deleteUserSessions } from './session-repository.js';
export { startSessionSweep, sweepExpiredSessions } from './session-sweep.js';
export { clearAllFailuresFor, forgetStaleSignInRecords } from './throttle.js';
