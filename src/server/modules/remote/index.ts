/**
 * The remote module: unattended access to enrolled devices (PRODUCT.md §10), a technician's remote
 * view or control session on a device served by tandem-agent.
 *
 * - **Grants** (`grant-keys.ts`): the server's Ed25519 key (`agent_grant_keys`, one row made on
 *   first use, its private half sealed by the secret box) signs every session grant
 *   (src/shared/remote/grant.ts): lifetime 60 s, a single-use nonce. Agents pin the public key
 *   (`grantPublicKey`), received at enrolment and in the control socket's hello.
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { grantPublicKey, signGrant, type GrantDeps, type GrantFields } from './grant-keys.js';
