import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { passkeys } from '../passkeys/tables.js';
import { recoveryCodes, userTotp } from './tables.js';

export type UserTotpRow = typeof userTotp.$inferSelect;

export async function findTotp(db: Queryable, accountId: string, userId: string): Promise<UserTotpRow | null> {
  const [row] = await db
    .select()
    .from(userTotp)
    .where(and(eq(userTotp.accountId, accountId), eq(userTotp.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** Starts (or restarts) an enrolment: a new secret waiting for its first code. */
export async function saveUnconfirmedTotp(
  db: Queryable,
  accountId: string,
  userId: string,
  secret: string,
): Promise<void> {
  await db
    .insert(userTotp)
    .values({ accountId, userId, secret })
    .onConflictDoUpdate({
      target: userTotp.userId,
      set: { secret, confirmedAt: null, lastUsedStep: null, createdAt: sql`now()` },
      setWhere: isNull(userTotp.confirmedAt),
    });
}

/** Confirms the enrolment of exactly this secret, recording the step of the confirming code. */
export async function confirmTotp(
  db: Queryable,
  accountId: string,
  userId: string,
  secret: string,
  step: number,
): Promise<UserTotpRow | null> {
  const [row] = await db
    .update(userTotp)
    .set({ confirmedAt: sql`now()`, lastUsedStep: step })
    .where(
      and(
        eq(userTotp.accountId, accountId),
        eq(userTotp.userId, userId),
        eq(userTotp.secret, secret),
        isNull(userTotp.confirmedAt),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Accepts a time step for a confirmed authenticator if, and only if, no later or equal step was
 * accepted before: one atomic statement, so the same code can never be used twice, even by two
 * requests at once.
 */
export async function acceptStep(db: Queryable, accountId: string, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(userTotp)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(userTotp.accountId, accountId),
        eq(userTotp.userId, userId),
        isNotNull(userTotp.confirmedAt),
        or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step)),
      ),
    )
    .returning({ userId: userTotp.userId });
  return rows.length === 1;
}

/** Removes the authenticator and the recovery codes; returns whether there was an authenticator. */
export async function deleteTotp(db: Queryable, accountId: string, userId: string): Promise<UserTotpRow | null> {
  await db.delete(recoveryCodes).where(and(eq(recoveryCodes.accountId, accountId), eq(recoveryCodes.userId, userId)));
  const [row] = await db
    .delete(userTotp)
    .where(and(eq(userTotp.accountId, accountId), eq(userTotp.userId, userId)))
    .returning();
  return row ?? null;
}

/** Replaces every recovery code of the user by new ones (given as their hashes). */
export async function replaceRecoveryCodes(
  db: Queryable,
  accountId: string,
  userId: string,
  hashes: readonly string[],
): Promise<void> {
  await db.delete(recoveryCodes).where(and(eq(recoveryCodes.accountId, accountId), eq(recoveryCodes.userId, userId)));
  await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ accountId, userId, codeHash })));
}

/** Uses a recovery code once: marks it used, atomically; false if unknown or already used. */
export async function consumeRecoveryCode(
  db: Queryable,
  accountId: string,
  userId: string,
  codeHash: string,
): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(recoveryCodes.accountId, accountId),
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function recoveryCodesLeft(db: Queryable, accountId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ left: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, accountId), eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.left ?? 0;
}

/** Which of a set of users have two-factor sign-in on (a confirmed authenticator or a passkey), in one query (users list, user details). */
export async function twoFactorEnabledAmong(
  db: Queryable,
  accountId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const ids = [...userIds];
  const rows = await db
    .select({ userId: userTotp.userId })
    .from(userTotp)
    .where(and(eq(userTotp.accountId, accountId), inArray(userTotp.userId, ids), isNotNull(userTotp.confirmedAt)))
    .union(
      db
        .select({ userId: passkeys.userId })
        .from(passkeys)
        .where(and(eq(passkeys.accountId, accountId), inArray(passkeys.userId, ids))),
    );
  return new Set(rows.map((r) => r.userId));
}

/** Every stored authenticator secret (sealed or not), across accounts: for resealing at start. */
export async function listTotpSecrets(db: Queryable): Promise<{ userId: string; secret: string }[]> {
  return db.select({ userId: userTotp.userId, secret: userTotp.secret }).from(userTotp);
}

/** Replaces a stored secret by its new sealed form, if it still holds `before`. */
export async function replaceTotpSecret(
  db: Queryable,
  userId: string,
  before: string,
  after: string,
): Promise<boolean> {
  const rows = await db
    .update(userTotp)
    .set({ secret: after })
    .where(and(eq(userTotp.userId, userId), eq(userTotp.secret, before)))
    .returning({ userId: userTotp.userId });
  return rows.length > 0;
}
