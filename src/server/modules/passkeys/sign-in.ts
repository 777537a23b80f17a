import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { contextOf } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { findUser, type UserWithAccess } from '../users/index.js';
import { keepChallenge, newSignInCookie, signInCookieOwner, takeChallenge } from './challenges.js';
import {
  assertionOptions,
  ceremonyExpired,
  refusedPasskey,
  userIdOfHandle,
  verifyAssertion,
  type AssertionAnswer,
} from './ceremonies.js';
import { findByCredentialId, listPasskeys, notePasskeyUsed } from './repository.js';
import type { RelyingParty } from './relying-party.js';

const unknownPasskey = () =>
  refusedPasskey(
    'passkey_unknown',
    'This passkey is not known here: it may have been removed. Sign in with your e-mail and password.',
  );

/** Starts signing in with a passkey alone, in this browser (a two-minute cookie): any discoverable passkey. */
export async function startPasskeySignIn(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  rp: RelyingParty,
  secureCookies: boolean,
) {
  const options = await assertionOptions(rp, []);
  await keepChallenge(db, newSignInCookie(request, reply, secureCookies), 'sign_in', options.challenge);
  return options;
}

/**
 * Checks a passkey's answer to this browser's sign-in challenge: the credential must be known, its
 * user handle must name its owner, and the answer must check out with the user verified. A refusal
 * is audited (in the owner's account when the credential is known). Answers the user, active.
 */
export async function verifyPasskeySignIn(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  rp: RelyingParty,
  answer: AssertionAnswer,
): Promise<UserWithAccess> {
  const owner = signInCookieOwner(request, reply);
  const challenge = owner ? await takeChallenge(db, owner, 'sign_in') : null;
  if (!challenge) throw ceremonyExpired();
  const passkey = await findByCredentialId(db, answer.id);
  const handle = userIdOfHandle(answer.response.userHandle);
  const ctx = contextOf(request);
  const failed = async (accountId: string | null, userId: string | undefined, reason: string) =>
    recordAudit(db, ctx, {
      accountId,
      action: 'auth.login_failed',
      objectType: userId ? 'user' : undefined,
      objectId: userId,
      after: { passkey: true, reason },
    });
  if (!passkey || (handle !== null && handle !== passkey.userId)) {
    await failed(passkey?.accountId ?? null, passkey?.userId, 'passkey_unknown');
    throw unknownPasskey();
  }
  let checked;
  try {
    checked = await verifyAssertion(rp, answer, challenge, passkey);
  } catch (error) {
    await failed(passkey.accountId, passkey.userId, 'passkey_refused');
    throw error;
  }
  const user = await findUser(db, passkey.accountId, passkey.userId);
  if (
    !user ||
    user.status !== 'active' ||
    !(await notePasskeyUsed(db, passkey, checked.newCounter, checked.backedUp))
  ) {
    await failed(passkey.accountId, passkey.userId, 'passkey_refused');
    throw unknownPasskey();
  }
  return user;
}

/** Starts the passkey second step of a pending sign-in: the user's own passkeys, the challenge kept for that session. */
export async function startPasskeySecondFactor(
  db: Db,
  rp: RelyingParty,
  pending: { idHash: string; user: UserWithAccess },
) {
  const own = await listPasskeys(db, pending.user.accountId, pending.user.id);
  if (own.length === 0) throw unknownPasskey();
  const options = await assertionOptions(rp, own);
  await keepChallenge(db, pending.idHash, 'second_factor', options.challenge);
  return options;
}

/**
 * The proof a pending sign-in completes with (inside its transaction): the passkey must be the
 * user's own and answer this session's challenge. Null when it does not; the challenge is used up.
 */
export function passkeyProof(
  rp: RelyingParty,
  pending: { idHash: string; user: UserWithAccess },
  answer: AssertionAnswer,
) {
  return async (tx: Queryable): Promise<'passkey' | null> => {
    const challenge = await takeChallenge(tx, pending.idHash, 'second_factor');
    if (!challenge) return null;
    const passkey = await findByCredentialId(tx, answer.id);
    if (!passkey || passkey.userId !== pending.user.id || passkey.accountId !== pending.user.accountId) return null;
    const checked = await verifyAssertion(rp, answer, challenge, passkey).catch(() => null);
    if (!checked) return null;
    return (await notePasskeyUsed(tx, passkey, checked.newCounter, checked.backedUp)) ? 'passkey' : null;
  };
}
