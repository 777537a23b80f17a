/**
 * The password-reset module: "Forgot password?" (a single-use link e-mailed to the active users with the e-mail
 * typed, valid 1 hour, the same answer and timing whether or not the address is known, throttled per e-mail and
 * per client address on auth's counters), the link's page and the new password (the account's policy; every
 * session of the user ends; a second factor stays required), and an administrator's "Send a password reset".
 * A link is stored as a hash, one per user (a new one replaces it) and dies with any change of the password.
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { passwordResetRoutes } from './routes.js';
