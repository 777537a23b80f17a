/**
 * The scim module: SCIM 2.0 provisioning (RFC 7643/7644) as Okta's and Entra ID's clients use it. Its tokens
 * (`scim_tokens`: hashed, one account each, created and revoked by administrators at `/api/v1/scim-tokens`,
 * `token-*.ts`), accepted only by the `/scim/v2` routes, which accept nothing else (`authenticate.ts`, the
 * routes' own hook; the main hook lets `permission: 'scim'` through); those routes in their own scope
 * (`routes.ts`: `application/scim+json`, the SCIM error schema of `errors.ts`); the discovery documents
 * (`discovery.ts`); Users (`user-*.ts`: userName is the sign-in e-mail, `scim_users` keeps the provider's
 * externalId and the parts of the name; `active` false disables the user through user-admin's lifecycle —
 * sessions, tokens and live sockets end — and DELETE deletes them, never the last active administrator) and
 * Groups (`group-*.ts`: `scim_groups`, `scim_group_members`; every change of members or name applies the
 * account's group rules — group-mapping's `applyGroupAccess` — to the users it touches, in the same
 * transaction, `group-access.ts`); filters (`filter.ts`, parsed with scim2-parse-filter: `eq` on the
 * attributes the providers look up by, joined with `and`) and PATCH (`patch.ts`: op names in any case,
 * path-less values, `emails[type eq "work"].value`, Entra ID's `"False"`). Audited `scim.user.*`,
 * `scim.group.*` with the token's name as the actor.
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { scimRoutes } from './routes.js';
export { scimTokenRoutes } from './token-routes.js';
