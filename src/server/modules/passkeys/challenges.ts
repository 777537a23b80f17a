import { randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Queryable } from '../../platform/db/pool.js';
import { sha256 } from '../../platform/crypto/secrets.js';
import { passkeyChallenges } from './tables.js';

export type Ceremony = (typeof passkeyChallenges.$inferSelect)['ceremony'];

/** How long a ceremony may take, from its options to its answer. */
export const ceremonySeconds = 120;

/** The cookie that binds a passkey sign-in (before any session exists) to the browser that started it. */
const cookieName = 'tandem_passkey';
const cookiePath = '/api/v1/auth/passkey';

/**
 * Keeps a ceremony's challenge for its owner (a session's id hash, or the passkey cookie's hash),
 * replacing one still pending for the same ceremony; expired challenges are swept on the way.
 */
export async function keepChallenge(db: Queryable, ownerHash: string, ceremony: Ceremony, challenge: string) {
  await db.delete(passkeyChallenges).where(lt(passkeyChallenges.expiresAt, sql`now()`));
  const expiresAt = sql`now() + make_interval(secs => ${ceremonySeconds})`;
  await db
    .insert(passkeyChallenges)
    .values({ ownerHash, ceremony, challenge, expiresAt })
    .onConflictDoUpdate({
      target: [passkeyChallenges.ownerHash, passkeyChallenges.ceremony],
      set: { challenge, expiresAt },
    });
}

/** Takes the owner's pending challenge for this ceremony, once: null when there is none or it expired. */
export async function takeChallenge(db: Queryable, ownerHash: string, ceremony: Ceremony): Promise<string | null> {
  const [row] = await db
    .delete(passkeyChallenges)
    .where(
      and(
        eq(passkeyChallenges.ownerHash, ownerHash),
        eq(passkeyChallenges.ceremony, ceremony),
        gt(passkeyChallenges.expiresAt, sql`now()`),
      ),
    )
    .returning({ challenge: passkeyChallenges.challenge });
  return row?.challenge ?? null;
}

/** Starts a passkey sign-in in this browser: a new short-lived cookie; answers the owner hash it stands for. */
export function newSignInCookie(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const value = randomBytes(32).toString('base64url');
  reply.setCookie(cookieName, value, {
    path: cookiePath,
    httpOnly: true,
    sameSite: 'strict',
    secure: secure || request.protocol === 'https',
    maxAge: ceremonySeconds,
  });
  return sha256(value);
}

/** The owner hash of the passkey sign-in this browser started (and the cookie is cleared), or null. */
export function signInCookieOwner(request: FastifyRequest, reply: FastifyReply): string | null {
  const value = request.cookies[cookieName];
  reply.clearCookie(cookieName, { path: cookiePath });
  return value && value.length <= 100 ? sha256(value) : null;
}
