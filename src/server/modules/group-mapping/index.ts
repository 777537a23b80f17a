/**
 * The group-mapping module: the account's rules from an identity provider's groups to a role and
 * companies (`/api/v1/group-rules`, administrators), what a set of groups grants (`decide.ts`: the
 * union — the highest role, every company any rule grants; no rule matching is no access; no rule at
 * all is groups deciding nothing), and `applyGroupAccess`, which single sign-on and SCIM call at each
 * sign-in or change: the user's role, companies and status follow (user-admin's `applyDirectoryAccess`,
 * so the last active administrator is never removed); a user the rules disabled is enabled again when
 * a rule matches.
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { groupRuleRoutes } from './routes.js';
export { applyGroupAccess, decideFromGroups } from './service.js';
