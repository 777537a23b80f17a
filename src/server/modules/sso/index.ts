/**
 * The sso module: signing in through an account's OpenID Connect providers (`openid-client`).
 *
 * - **Providers** (`provider-service.ts`, `/api/v1/sso-providers`, identity.manage): display name,
 *   issuer, client id, client secret (sealed by the server's SecretBox, never read back), scopes, the
 *   claim that carries groups, e-mail domains (one provider of one account per domain: `sso_domains`),
 *   creating users on first sign-in, linking users by verified e-mail, enabled. Test: the issuer's
 *   discovery document fetched and checked (`issuer-check.ts`). Audited `sso_provider.*`.
 * - **Sign-in** (`sign-in-service.ts`): start — state, nonce and PKCE verifier kept 10 minutes in
 *   `sso_sign_ins` (the state's sha-256), the state in an HttpOnly cookie; callback — the state taken
 *   once and matched with the cookie, the code exchanged, the ID token checked (signature, issuer,
 *   audience, expiry with 60 s of clock tolerance, nonce); the user matched (`user-match.ts`: the link
 *   (provider, subject) in `sso_identities`, else a verified e-mail, else created when the group rules
 *   grant access), role and companies following the groups (group-mapping's `applyGroupAccess`), then
 *   auth's `startSession` (audited `auth.login` with `method: 'oidc'`). Refusals are audited
 *   `auth.login_failed` and shown on the sign-in page by reason.
 * - **Finding providers** for the sign-in page: by an e-mail's domain, or the account's own address.
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { ssoProviderRoutes } from './routes.js';
export { ssoSignInRoutes } from './sign-in-routes.js';
