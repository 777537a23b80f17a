import type { SsoFailure } from '../../../shared/contracts/sso.js';
import type { Tx } from '../../platform/db/pool.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { applyGroupAccess, decideFromGroups } from '../group-mapping/index.js';
import { findUser, findUserByEmail, insertUser, updateUser, type UserWithAccess } from '../users/index.js';
import type { PersonClaims } from './claims.js';
import { linkedUserId, linkIdentity, type ProviderRow } from './repository.js';

export type Matched = { user: UserWithAccess; how: 'linked' | 'linked_by_email' | 'created' } | { failure: SsoFailure };

const limitText = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/**
 * Who a person signing in through a provider is, in the caller's transaction: the user linked to
 * (provider, subject); else, when the provider links by e-mail, the account's user with this verified
 * e-mail (then linked); else, when it creates users, a new one — only if the account's group rules
 * grant these groups access. Then role and companies follow the groups (group-mapping's
 * `applyGroupAccess`): groups that match no rule disable the user and refuse the sign-in.
 */
export async function matchUser(
  tx: Tx,
  ctx: RequestContext,
  provider: ProviderRow,
  person: PersonClaims,
): Promise<Matched> {
  const { accountId } = provider;
  let how: 'linked' | 'linked_by_email' | 'created' = 'linked';
  let userId = await linkedUserId(tx, provider.id, person.subject);
  if (!userId && (provider.linkByEmail || provider.createUsers)) {
    if (!person.email || !person.emailVerified) return { failure: 'email_unverified' };
  }
  if (!userId && provider.linkByEmail && person.email) {
    const existing = await findUserByEmail(tx, accountId, person.email);
    if (existing) {
      userId = existing.id;
      how = 'linked_by_email';
    }
  }
  if (!userId && provider.createUsers && person.email) {
    if (await findUserByEmail(tx, accountId, person.email)) return { failure: 'no_user' };
    const decision = await decideFromGroups(tx, accountId, person.groups);
    if (decision.mapping !== 'granted') return { failure: 'no_access' };
    const created = await insertUser(
      tx,
      {
        accountId,
        email: person.email,
        name: limitText(person.name ?? person.email, 120),
        passwordHash: null,
        role: decision.role,
        status: 'active',
        language: 'en',
        timeZone: 'UTC',
        allCompanies: decision.allCompanies,
      },
      decision.allCompanies ? [] : decision.companyIds,
    );
    await recordAudit(tx, ctx, {
      accountId,
      action: 'user.sso_create',
      objectType: 'user',
      objectId: created.id,
      after: {
        email: created.email,
        name: created.name,
        role: created.role,
        companyAccess: decision.allCompanies ? 'all' : decision.companyIds,
        providerId: provider.id,
      },
    });
    userId = created.id;
    how = 'created';
  }
  if (!userId) return { failure: 'no_user' };
  if (how !== 'linked') {
    await linkIdentity(tx, { accountId, providerId: provider.id, subject: person.subject, userId });
    if (how === 'linked_by_email') {
      await recordAudit(tx, ctx, {
        accountId,
        action: 'user.sso_link',
        objectType: 'user',
        objectId: userId,
        after: { providerId: provider.id, email: person.email },
      });
    }
  }
  const before = await findUser(tx, accountId, userId);
  if (!before) return { failure: 'no_user' };
  // an invited person who proves who they are through the provider needs no password
  if (before.status === 'invited') await updateUser(tx, accountId, userId, { status: 'active' });
  const decision = await applyGroupAccess(tx, ctx, {
    accountId,
    userId,
    groups: person.groups,
    source: 'oidc',
  });
  if (decision.mapping === 'no_match') return { failure: 'no_access' };
  const user = await findUser(tx, accountId, userId);
  if (!user || user.status !== 'active') return { failure: 'disabled' };
  return { user, how };
}
