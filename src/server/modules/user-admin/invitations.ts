import type { Invitation } from '../../../shared/contracts/users.js';
import { isTimeZone, type Language } from '../../../shared/locales.js';
import type { Role } from '../../../shared/permissions.js';
import type { Config } from '../../config.js';
import type { Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { hashPassword } from '../../platform/crypto/passwords.js';
import { randomSecret, sha256 } from '../../platform/crypto/secrets.js';
import { AppError, conflict, fieldError, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { assertPasswordPolicy } from '../settings/index.js';
import { findAccount } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import {
  claimInvitation,
  findUsableInvitation,
  insertInvitation,
  revokeOpenInvitations,
} from './invitation-repository.js';
import { enqueueInvitationEmail } from './mail.js';
import { findUser, insertUser, updateUser, type UserRow, type UserWithAccess } from '../users/index.js';
import { lockUser } from './repository.js';

/** A person to invite, checked: e-mail lower-case, access resolved against the account. */
export interface InviteSpec {
  email: string;
  name: string;
  role: Role;
  allCompanies: boolean;
  companyIds: string[];
  language: Language;
  timeZone: string;
}

export interface Inviter {
  ctx: RequestContext;
  actor: Actor;
  accountName: string;
  config: Config;
}

/** Opens a new invitation for an invited user (revoking any earlier one) and e-mails its link. */
export async function sendInvitation(tx: Queryable, inviter: Inviter, user: UserRow): Promise<Date> {
  await revokeOpenInvitations(tx, user.accountId, user.id);
  const token = randomSecret(32);
  const invitation = await insertInvitation(tx, {
    accountId: user.accountId,
    userId: user.id,
    tokenHash: sha256(token),
    invitedBy: inviter.actor.userId,
  });
  await enqueueInvitationEmail(tx, inviter.config, {
    to: {
      accountId: user.accountId,
      userId: user.id,
      email: user.email,
      name: user.name,
      language: user.language as Language,
      timeZone: user.timeZone,
      role: user.role,
    },
    token,
    expiresAt: invitation.expiresAt,
    accountName: inviter.accountName,
    inviterName: inviter.actor.name,
  });
  return invitation.expiresAt;
}

/** Creates an invited user with their company access and invitation, in the caller's transaction. */
export async function inviteUser(tx: Queryable, inviter: Inviter, spec: InviteSpec): Promise<UserRow> {
  const user = await insertUser(
    tx,
    {
      accountId: inviter.actor.accountId,
      email: spec.email,
      name: spec.name,
      passwordHash: null,
      role: spec.role,
      status: 'invited',
      language: spec.language,
      timeZone: spec.timeZone,
      allCompanies: spec.allCompanies,
    },
    spec.allCompanies ? [] : spec.companyIds,
  );
  const expiresAt = await sendInvitation(tx, inviter, user);
  await recordAudit(tx, inviter.ctx, {
    action: 'user.invite',
    objectType: 'user',
    objectId: user.id,
    after: {
      email: user.email,
      name: user.name,
      role: user.role,
      companyAccess: spec.allCompanies ? 'all' : spec.companyIds,
      invitationExpiresAt: expiresAt.toISOString(),
    },
  });
  return user;
}

/**
 * Sends a new invitation to a user who has not accepted theirs; the old link stops working. One
 * transaction: the account's name (for the e-mail), the user locked, the invitation, its e-mail and audit row.
 */
export async function resendInvitation(
  db: Db,
  { ctx, actor, config }: Omit<Inviter, 'accountName'>,
  userId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const account = await findAccount(tx, actor.accountId);
    await resendInvitationIn(tx, { ctx, actor, config, accountName: account?.name ?? '' }, userId);
  });
}

async function resendInvitationIn(tx: Queryable, inviter: Inviter, userId: string): Promise<void> {
  const user = await lockUser(tx, inviter.actor.accountId, userId);
  if (!user) throw notFound('This user');
  if (user.status !== 'invited') throw conflict(notInvited(user), { reason: 'not_invited' });
  const expiresAt = await sendInvitation(tx, inviter, user);
  await recordAudit(tx, inviter.ctx, {
    action: 'user.resend_invitation',
    objectType: 'user',
    objectId: user.id,
    after: { invitationExpiresAt: expiresAt.toISOString() },
  });
}

/** Revokes a user's pending invitation, audited: its link stops working. */
export async function revokeInvitation(db: Db, ctx: RequestContext, actor: Actor, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await lockUser(tx, actor.accountId, userId);
    if (!user) throw notFound('This user');
    if (user.status !== 'invited') throw conflict(notInvited(user), { reason: 'not_invited' });
    const revoked = await revokeOpenInvitations(tx, actor.accountId, userId);
    if (revoked === 0) throw notFound('A pending invitation of this user');
    await recordAudit(tx, ctx, { action: 'user.revoke_invitation', objectType: 'user', objectId: user.id });
  });
}

function notInvited(user: UserRow): string {
  return user.status === 'disabled'
    ? 'This user is disabled; enable them first.'
    : 'This user has already accepted their invitation.';
}

/** What the invitation page shows. Unknown, expired, revoked and used links all answer the same 404. */
export async function describeInvitation(db: Db, token: string): Promise<Invitation> {
  const found = await findUsableInvitation(db, sha256(token));
  if (!found) throw invitationGone();
  return {
    email: found.email,
    name: found.name,
    accountName: found.accountName,
    language: found.language as Language,
    expiresAt: found.expiresAt.toISOString(),
  };
}

/** The password chosen from an invitation follows its account's policy (security.passwordMinLength). */
async function assertInvitationPassword(db: Db, token: string, password: string): Promise<void> {
  const found = await findUsableInvitation(db, sha256(token));
  if (!found) throw invitationGone();
  await assertPasswordPolicy(db, found.accountId, password);
}

export const invitationGone = () =>
  new AppError(
    'not_found',
    'This invitation link is not valid: it has expired, was replaced by a newer one, or was used already. Ask an administrator of the account for a new invitation.',
  );

export interface Acceptance {
  passwordHash: string;
  name?: string;
  language?: Language;
  timeZone?: string;
}

/**
 * Accepting an invitation from its page: the password must follow the account's policy; then the
 * invitation is accepted and `signIn` opens the person's session. Answers the user as they are now
 * and `signIn`'s answer (the session's CSRF token).
 */
export async function acceptInvitationAndSignIn(
  db: Db,
  ctx: RequestContext,
  token: string,
  { password, ...profile }: Omit<Acceptance, 'passwordHash'> & { password: string },
  signIn: (user: UserRow) => Promise<string>,
): Promise<{ user: UserWithAccess; csrfToken: string }> {
  await assertInvitationPassword(db, token, password);
  const passwordHash = await hashPassword(password);
  const accepted = await acceptInvitation(db, ctx, token, { ...profile, passwordHash });
  const csrfToken = await signIn(accepted);
  const user = await findUser(db, accepted.accountId, accepted.id);
  if (!user) throw invitationGone();
  return { user, csrfToken };
}

/**
 * Accepts an invitation once: sets the password and status, marks the invitation used and
 * revokes any other. Returns the activated user; the caller signs them in.
 */
async function acceptInvitation(db: Db, ctx: RequestContext, token: string, input: Acceptance): Promise<UserRow> {
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone))
    throw fieldError('timeZone', 'unknown_time_zone', 'Unknown time zone');
  return db.transaction(async (tx) => {
    const invitation = await claimInvitation(tx, sha256(token));
    if (!invitation) throw invitationGone();
    await revokeOpenInvitations(tx, invitation.accountId, invitation.userId);
    const patch = {
      passwordHash: input.passwordHash,
      status: 'active' as const,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
      ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
    };
    await updateUser(tx, invitation.accountId, invitation.userId, patch);
    const user = (await lockUser(tx, invitation.accountId, invitation.userId))!;
    await recordAudit(
      tx,
      { ...ctx, actor: { userId: user.id, accountId: user.accountId, name: user.name, via: 'session', tokenId: null } },
      {
        accountId: user.accountId,
        action: 'user.accept_invitation',
        objectType: 'user',
        objectId: user.id,
        after: { status: 'active', name: user.name, language: user.language, timeZone: user.timeZone },
      },
    );
    return user;
  });
}
