import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { conflict, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import type { Passkey } from '../../../shared/contracts/passkeys.js';
import { recordAudit } from '../audit/index.js';
import { findUser } from '../users/index.js';
import { keepChallenge, takeChallenge } from './challenges.js';
import { ceremonyExpired, registrationOptions, verifyRegistration, type RegistrationAnswer } from './ceremonies.js';
import {
  deletePasskey,
  findPasskey,
  insertPasskey,
  listPasskeys,
  renamePasskey,
  type PasskeyRow,
} from './repository.js';
import type { RelyingParty } from './relying-party.js';

/** What this module needs of auth (which imports its tables): the password asked again. */
export interface PasswordCheck {
  assertCurrentPassword(db: Db, ctx: RequestContext, actor: Actor, password: string, field: string): Promise<void>;
}

export function presentPasskey(row: PasskeyRow): Passkey {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    backedUp: row.backedUp,
  };
}

export async function myPasskeys(db: Db, actor: Actor): Promise<Passkey[]> {
  return (await listPasskeys(db, actor.accountId, actor.userId)).map(presentPasskey);
}

/** Starts registering a passkey (the password asked again): the options for the browser, the challenge kept for this session. */
export async function startRegistration(
  db: Db,
  ctx: RequestContext,
  rp: RelyingParty,
  actor: Actor,
  sessionHash: string,
  password: string,
  check: PasswordCheck,
) {
  await check.assertCurrentPassword(db, ctx, actor, password, 'password');
  const existing = await listPasskeys(db, actor.accountId, actor.userId);
  const options = await registrationOptions(rp, { id: actor.userId, email: actor.email, name: actor.name }, existing);
  await keepChallenge(db, sessionHash, 'register', options.challenge);
  return options;
}

/** Finishes registering: the browser's answer to this session's challenge, checked; the passkey stored and audited. */
export async function finishRegistration(
  db: Db,
  ctx: RequestContext,
  rp: RelyingParty,
  actor: Actor,
  sessionHash: string,
  name: string,
  answer: RegistrationAnswer,
): Promise<Passkey> {
  const challenge = await takeChallenge(db, sessionHash, 'register');
  if (!challenge) throw ceremonyExpired();
  const credential = await verifyRegistration(rp, answer, challenge);
  return db.transaction(async (tx) => {
    if (!(await findUser(tx, actor.accountId, actor.userId))) throw notFound('This user');
    const created = await insertPasskey(tx, {
      accountId: actor.accountId,
      userId: actor.userId,
      name,
      ...credential,
    });
    if (!created) throw conflict('This passkey is already registered.', { reason: 'passkey_taken' });
    await recordAudit(tx, ctx, {
      action: 'passkey.register',
      objectType: 'user',
      objectId: actor.userId,
      after: { passkeyId: created.id, name, backedUp: created.backedUp },
    });
    return presentPasskey(created);
  });
}

export async function renameMyPasskey(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  name: string,
): Promise<Passkey> {
  return db.transaction(async (tx) => {
    const before = await findPasskey(tx, actor.accountId, actor.userId, id);
    if (!before) throw notFound('This passkey');
    const renamed = await renamePasskey(tx, actor.accountId, actor.userId, id, name);
    if (!renamed) throw notFound('This passkey');
    await recordAudit(tx, ctx, {
      action: 'passkey.rename',
      objectType: 'user',
      objectId: actor.userId,
      before: { passkeyId: id, name: before.name },
      after: { passkeyId: id, name },
    });
    return presentPasskey(renamed);
  });
}

/** Removes one of your passkeys (the password asked again). */
export async function deleteMyPasskey(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  password: string,
  check: PasswordCheck,
): Promise<void> {
  await check.assertCurrentPassword(db, ctx, actor, password, 'password');
  await db.transaction(async (tx) => {
    const removed = await deletePasskey(tx, actor.accountId, actor.userId, id);
    if (!removed) throw notFound('This passkey');
    await recordAudit(tx, ctx, {
      action: 'passkey.delete',
      objectType: 'user',
      objectId: actor.userId,
      before: { passkeyId: id, name: removed.name },
    });
  });
}
