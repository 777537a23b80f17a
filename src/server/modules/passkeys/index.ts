/**
 * The passkeys module: WebAuthn credentials (`@simplewebauthn/server`) of a user, for the relying
 * party of the server's public address (`relying-party.ts`: rpID its host name, origin the address).
 * A user registers several from My account and names them (`service.ts`: the password asked again to
 * add or remove one; audited `passkey.register`, `passkey.rename`, `passkey.delete`); a passkey signs
 * in alone as both factors (discoverable, the user verified; the user handle is the user's id), or is
 * the second step of a password sign-in (`sign-in.ts`, through auth's `completeSecondFactor`, in the
 * same throttle as codes). Each ceremony's challenge is kept server-side for two minutes and used once
 * (`challenges.ts`), bound to the session or, before one exists, to the `tandem_passkey` cookie. A
 * passkey counts as a second factor for security.requireTwoFactor; adding or removing one notifies
 * `tandem_identity` (a database trigger).
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { deleteUserPasskeys } from './repository.js';
export { passkeyRoutes } from './routes.js';
