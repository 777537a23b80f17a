/**
 * The auth module: sessions (hashed ids, idle/absolute expiry, CSRF token), the authentication hook, the
 * identity cache (`identity-cache.ts`: who a credential stands for, remembered per process; forgotten per
 * account at once by the request that changed it and, in other processes, by the `tandem_identity` notification
 * that database triggers send — users, their companies, seats, tokens, sessions, settings, second factors;
 * `onChange` tells the open live sockets at once), `sessionOnly` routes (refused to API tokens: creating tokens,
 * the password, second factors), the throttle of every password or code check (`throttle.ts`: `countAttempt`
 * counts before the check in one statement — per e-mail and address, per address, per e-mail with at most 5 from
 * each address, per pending sign-in — and `attemptSucceeded` gives it back; `known-browser.ts`: the
 * `tandem_known` cookie, so browsers and addresses that signed in before pass while an e-mail's own limit holds;
 * `current-password.ts`: the password asked again by My account, through the same throttle), login/logout
 * (the second step completes with a code, a recovery code or — from the passkeys module — a passkey, each a
 * `SecondFactorProof` counted by the same throttle)
 * (`sign-in-repository.ts`: the users an e-mail may be signing in as, with their companies and whether an
 * authenticator is confirmed, in one statement; `account-choice.ts`: an e-mail may have a user in several
 * accounts — the password tells which; when it is right for several, the answer names those accounts and the
 * person signs in again with the one chosen), `request-throttle.ts` (the same counters for requests that send
 * something, such as a password-reset e-mail), the sweep of ended sessions (`session-sweep.ts`, started by
 * `start.ts`)
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export {
  assertCsrf,
  authenticationHook,
  credentialOf,
  forgetChangedIdentities,
  mustEnrolTwoFactor,
  pendingSignIn,
  recheckCredential,
} from './authenticate.js';
export type { Credential } from './authenticate.js';
export { assertCurrentPassword } from './current-password.js';
export { IdentityCache } from './identity-cache.js';
export type { CachedIdentity } from './identity-cache.js';
export { countRequest } from './request-throttle.js';
export { passwordAllowed } from './sso-only.js';
export { authRoutes } from './routes.js';
export { completeSecondFactor, startSession } from './service.js';
export { createSession, deleteUserSessions } from './session-repository.js';
export { startSessionSweep, sweepExpiredSessions } from './session-sweep.js';
export { clearAllFailuresFor, forgetStaleSignInRecords } from './throttle-repository.js';
