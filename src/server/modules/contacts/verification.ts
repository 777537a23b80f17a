import { randomInt } from 'node:crypto';
import type { Language } from '../../../shared/locales.js';
import { limits } from '../../../shared/limits.js';
import type { Config } from '../../config.js';
import { randomSecret, sha256 } from '../../platform/crypto/secrets.js';
import type { Queryable } from '../../platform/db/pool.js';
import { AppError } from '../../platform/http/app-error.js';
import { enqueueEmail, enqueueShortMessage } from '../../platform/mail/outbox.js';
import { publicUrlOf } from '../../platform/http/public-url.js';
import type { ContactRow, MethodRow } from './repository.js';
import { updateMethodRow } from './repository.js';

/** An e-mailed link works for a day; a code sent by SMS or voice for ten minutes. */
export const linkLifetimeMs = 24 * 60 * 60 * 1000;
export const codeLifetimeMs = 10 * 60 * 1000;

/** Codes are hashed with their method's id: a leaked hash does not verify another method. */
export const codeHash = (methodId: string, code: string) => sha256(`${methodId}:${code}`);

export function verificationUrl(config: Config, token: string): string {
  return `${publicUrlOf(config)}/contact-verification/${encodeURIComponent(token)}`;
}

/**
 * Starts a verification: a link by e-mail, a six-digit code by SMS or voice call, written with
 * the outgoing message in the caller's transaction. A new one replaces any earlier one.
 */
export async function startVerification(
  tx: Queryable,
  config: Config,
  contact: ContactRow,
  method: MethodRow,
  now: Date,
): Promise<{ sentTo: string; expiresAt: Date }> {
  const language = contact.language as Language;
  if (method.type === 'email') {
    const token = randomSecret(32);
    const expiresAt = new Date(now.getTime() + linkLifetimeMs);
    await updateMethodRow(tx, contact.accountId, method.id, {
      verificationHash: sha256(token),
      verificationExpiresAt: expiresAt,
      verificationAttempts: 0,
    });
    await enqueueEmail(tx, {
      accountId: contact.accountId,
      kind: 'contact_verification',
      to: method.value,
      language,
      template: 'contactsMail.verifyEmail',
      params: { name: contact.name },
      action: { url: verificationUrl(config, token) },
      metadata: { contactId: contact.id, methodId: method.id },
    });
    return { sentTo: method.value, expiresAt };
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + codeLifetimeMs);
  await updateMethodRow(tx, contact.accountId, method.id, {
    verificationHash: codeHash(method.id, code),
    verificationExpiresAt: expiresAt,
    verificationAttempts: 0,
  });
  await enqueueShortMessage(tx, {
    accountId: contact.accountId,
    kind: 'contact_verification',
    channel: method.type === 'sms' ? 'sms' : 'voice',
    to: method.value,
    language,
    template: method.type === 'sms' ? 'contactsMail.verifySms' : 'contactsMail.verifyVoice',
    params: { code: method.type === 'sms' ? code : code.split('').join(', ') },
    metadata: { contactId: contact.id, methodId: method.id },
  });
  return { sentTo: method.value, expiresAt };
}

/**
 * Checks a six-digit code. Wrong codes count; after the last allowed attempt the code is spent
 * and a new one must be sent. The attempt is written even when refused (the caller commits it).
 */
export async function checkCode(
  tx: Queryable,
  method: MethodRow,
  code: string,
  now: Date,
): Promise<'verified' | 'wrong' | 'expired' | 'exhausted'> {
  if (!method.verificationHash || !method.verificationExpiresAt || method.type === 'email') return 'expired';
  if (method.verificationExpiresAt.getTime() <= now.getTime()) return 'expired';
  if (method.verificationAttempts >= limits.verificationAttempts) return 'exhausted';
  if (codeHash(method.id, code) === method.verificationHash) {
    await updateMethodRow(tx, method.accountId, method.id, {
      verifiedAt: now,
      verificationHash: null,
      verificationExpiresAt: null,
      verificationAttempts: 0,
    });
    return 'verified';
  }
  const attempts = method.verificationAttempts + 1;
  await updateMethodRow(
    tx,
    method.accountId,
    method.id,
    attempts >= limits.verificationAttempts
      ? { verificationAttempts: attempts, verificationHash: null }
      : { verificationAttempts: attempts },
  );
  return attempts >= limits.verificationAttempts ? 'exhausted' : 'wrong';
}

export function codeRefusal(outcome: 'wrong' | 'expired' | 'exhausted', attemptsLeft: number): AppError {
  if (outcome === 'wrong') {
    return new AppError('validation_failed', 'This code is not right.', [
      {
        path: 'code',
        code: 'wrong_code_tries_left',
        params: { attemptsLeft },
        message: `This code is not right: ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left.`,
      },
    ]);
  }
  if (outcome === 'exhausted') {
    return new AppError('conflict', 'Too many wrong codes: send a new code.', { reason: 'verification_exhausted' });
  }
  return new AppError('conflict', 'No code is pending or it has expired: send a new code.', {
    reason: 'verification_expired',
  });
}
