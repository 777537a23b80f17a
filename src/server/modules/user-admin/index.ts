/**
 * The user-admin module: administering the account's users — the `/users` routes (list with filters and keyset
 * pages, detail, create, invite, change role and access, disable, enable, delete; the last active administrator is
 * never removed), invitations (sent, resent, revoked, accepted — accepting signs the person in), the rights-changed
 * e-mail, CSV import and export. Disabling or deleting a user ends what hangs on them through their owners'
 * surfaces: sessions (auth), API tokens (api-tokens), seats (seats). `applyDirectoryAccess` (directory-access.ts) is how
 * an identity provider's groups set a user's role, companies and status, under the same last-administrator rule.
 *
 * Its public surface: other code imports this module only from here.
 */
export { userRoutes } from './routes.js';
export { canSeeUser } from './policy.js';
export { applyDirectoryAccess } from './directory-access.js';
export { resolveCompanyAccess } from './access.js';
export { deleteUserIn, disableUserIn } from './lifecycle.js';
