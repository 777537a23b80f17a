import type { Enrolment, TwoFactorStatus } from '../../../shared/contracts/two-factor.js';
import type { Actor } from '../../platform/authz.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { conflict, fieldError, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { deleteUserPasskeys } from '../passkeys/index.js';
import { findUser, type UserRow } from '../users/index.js';
import { mailSecondFactorReset } from './reset-mail.js';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import {
  acceptStep,
  confirmTotp,
  consumeRecoveryCode,
  deleteTotp,
  findTotp,
  listTotpSecrets,
  recoveryCodesLeft,
  replaceRecoveryCodes,
  replaceTotpSecret,
  saveUnconfirmedTotp,
} from './repository.js';
import { manualKey, matchingStep, newTotpSecret, otpauthUri, qrCodeDataUrl } from './totp.js';

/**
 * What this module needs of sign-in, which sits above it (auth asks for the second factor when someone signs in):
 * the password asked again through the sign-in throttle, and the end of a user's sessions. app.ts passes auth's.
 */
export interface SignInControls {
  assertCurrentPassword(db: Db, ctx: RequestContext, actor: Actor, password: string, field: string): Promise<void>;
  endSessions(tx: Queryable, userId: string): Promise<unknown>;
}

export async function twoFactorStatus(db: Queryable, accountId: string, userId: string): Promise<TwoFactorStatus> {
  const totp = await findTotp(db, accountId, userId);
  const confirmedAt = totp?.confirmedAt ?? null;
  return {
    enabled: confirmedAt !== null,
    confirmedAt: confirmedAt?.toISOString() ?? null,
    recoveryCodesLeft: confirmedAt ? await recoveryCodesLeft(db, accountId, userId) : 0,
  };
}

/**
 * Starts enrolment with a new secret, after the password (a session left open must not let
 * someone else bind their own authenticator); an enrolment not yet confirmed is replaced.
 */
export async function startEnrolment(
  db: Db,
  box: SecretBox,
  ctx: RequestContext,
  actor: Actor,
  password: string,
  signIn: SignInControls,
): Promise<Enrolment> {
  await signIn.assertCurrentPassword(db, ctx, actor, password, 'password');
  const secret = newTotpSecret();
  await db.transaction(async (tx) => {
    const current = await findTotp(tx, actor.accountId, actor.userId);
    if (current?.confirmedAt) {
      throw conflict('Two-factor sign-in is already on. Turn it off first to set up another authenticator app.');
    }
    await saveUnconfirmedTotp(tx, actor.accountId, actor.userId, box.seal(secret));
    await recordAudit(tx, ctx, { action: 'two_factor.enrolment_start', objectType: 'user', objectId: actor.userId });
  });
  const uri = otpauthUri(secret, actor.email);
  return { otpauthUri: uri, qrCode: await qrCodeDataUrl(uri), manualKey: manualKey(secret) };
}

/** Confirms enrolment with a first code from the app; answers the ten recovery codes, once. */
export async function confirmEnrolment(
  db: Db,
  box: SecretBox,
  ctx: RequestContext,
  actor: Actor,
  code: string,
): Promise<{ recoveryCodes: string[]; status: TwoFactorStatus }> {
  const { codes, hashes } = newRecoveryCodes();
  await db.transaction(async (tx) => {
    const current = await findTotp(tx, actor.accountId, actor.userId);
    if (current?.confirmedAt) throw conflict('Two-factor sign-in is already on.');
    if (!current) throw conflict('Start the set-up first: there is no authenticator waiting for its first code.');
    const step = await matchingStep(box.reveal(current.secret), code, null);
    if (step === null)
      throw fieldError(
        'code',
        'wrong_code',
        'This code is not right. Check the time on your phone and enter the code your app shows now.',
      );
    if (!(await confirmTotp(tx, actor.accountId, actor.userId, current.secret, step))) {
      throw conflict('The set-up changed meanwhile (started again elsewhere). Scan the new QR code.');
    }
    await replaceRecoveryCodes(tx, actor.accountId, actor.userId, hashes);
    await recordAudit(tx, ctx, {
      action: 'two_factor.enable',
      objectType: 'user',
      objectId: actor.userId,
      after: { recoveryCodes: hashes.length },
    });
  });
  return { recoveryCodes: codes, status: await twoFactorStatus(db, actor.accountId, actor.userId) };
}

/** Turns two-factor sign-in off (also cancels an enrolment not yet confirmed). */
export async function disableTwoFactor(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  password: string,
  signIn: SignInControls,
): Promise<void> {
  await signIn.assertCurrentPassword(db, ctx, actor, password, 'password');
  await db.transaction(async (tx) => {
    const removed = await deleteTotp(tx, actor.accountId, actor.userId);
    if (!removed) throw notFound('Two-factor sign-in for your user');
    await recordAudit(tx, ctx, {
      action: 'two_factor.disable',
      objectType: 'user',
      objectId: actor.userId,
      before: { enabled: removed.confirmedAt !== null },
    });
  });
}

/** Replaces every recovery code by ten new ones; the old ones stop working. */
export async function regenerateRecoveryCodes(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  password: string,
  signIn: SignInControls,
): Promise<{ recoveryCodes: string[]; status: TwoFactorStatus }> {
  await signIn.assertCurrentPassword(db, ctx, actor, password, 'password');
  const { codes, hashes } = newRecoveryCodes();
  await db.transaction(async (tx) => {
    const current = await findTotp(tx, actor.accountId, actor.userId);
    if (!current?.confirmedAt)
      throw conflict('Two-factor sign-in is off: turn it on first, and you will receive recovery codes.');
    const left = await recoveryCodesLeft(tx, actor.accountId, actor.userId);
    await replaceRecoveryCodes(tx, actor.accountId, actor.userId, hashes);
    await recordAudit(tx, ctx, {
      action: 'two_factor.recovery_codes_regenerate',
      objectType: 'user',
      objectId: actor.userId,
      before: { recoveryCodesLeft: left },
      after: { recoveryCodesLeft: hashes.length },
    });
  });
  return { recoveryCodes: codes, status: await twoFactorStatus(db, actor.accountId, actor.userId) };
}

/**
 * The second step of sign-in: a code of the app (valid now ±1 step, later than the last one
 * accepted) or an unused recovery code. Returns how the user proved it, or null.
 */
export async function verifySecondFactor(
  tx: Queryable,
  box: SecretBox,
  user: Pick<UserRow, 'id' | 'accountId'>,
  code: string,
): Promise<'totp' | 'recovery_code' | null> {
  const totp = await findTotp(tx, user.accountId, user.id);
  if (!totp?.confirmedAt) return null;
  const typed = code.replace(/\s/g, '');
  if (looksLikeRecoveryCode(code)) {
    return (await consumeRecoveryCode(tx, user.accountId, user.id, hashRecoveryCode(code))) ? 'recovery_code' : null;
  }
  const step = await matchingStep(box.reveal(totp.secret), typed, totp.lastUsedStep);
  if (step === null) return null;
  return (await acceptStep(tx, user.accountId, user.id, step)) ? 'totp' : null;
}

/**
 * An administrator removes another user's second factors (lost phone): the authenticator and every
 * passkey. Their sessions end,
 * they are e-mailed, and they sign in with their password alone until they enrol again.
 */
export async function resetTwoFactor(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  userId: string,
  signIn: SignInControls,
): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await findUser(tx, actor.accountId, userId);
    if (!user) throw notFound('This user');
    if (user.id === actor.userId)
      throw conflict('To turn off your own two-factor sign-in, use My account: it asks for your password.');
    const removed = await deleteTotp(tx, actor.accountId, userId);
    const passkeysRemoved = await deleteUserPasskeys(tx, actor.accountId, userId);
    if (!removed?.confirmedAt && passkeysRemoved === 0)
      throw conflict(`${user.name} has not turned on two-factor sign-in: there is nothing to reset.`);
    await signIn.endSessions(tx, userId);
    await recordAudit(tx, ctx, {
      action: 'two_factor.reset',
      objectType: 'user',
      objectId: userId,
      before: { enabled: true, authenticator: Boolean(removed?.confirmedAt), passkeys: passkeysRemoved },
      after: { enabled: false, sessionsEnded: true },
    });
    await mailSecondFactorReset(tx, user, actor);
  });
}

/**
 * Seals every authenticator secret that is still plain text or sealed with an older key, with
 * the current key (at start: how a new key takes over). Each row is changed only if it still
 * holds what was read, so processes starting together do not overwrite each other.
 */
export async function resealTotpSecrets(db: Db, box: SecretBox): Promise<number> {
  const due = (await listTotpSecrets(db)).filter((row) => box.needsReseal(row.secret));
  let resealed = 0;
  for (const row of due) {
    if (await replaceTotpSecret(db, row.userId, row.secret, box.seal(box.reveal(row.secret)))) resealed += 1;
  }
  return resealed;
}
