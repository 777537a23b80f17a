import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { recoveryCodes, userTotp } from '../../../src/server/modules/two-factor/tables.js';
import { only } from './rows.js';

/**
 * An authenticator secret stored as an earlier version wrote it (plain, unconfirmed): what the
 * start-up resealing finds. Enrolment itself goes through the API.
 */
export async function aPlainTotpSecret(db: Db, user: { id: string; accountId: string }, secret: string): Promise<void> {
  await db.insert(userTotp).values({ userId: user.id, accountId: user.accountId, secret });
}

/** The users' last accepted code is `steps` steps of 30 seconds older, as if they had enrolled a while ago. */
export async function totpUsedStepsAgo(db: Db, userIds: readonly string[], steps: number): Promise<void> {
  await db
    .update(userTotp)
    .set({ lastUsedStep: sql`${userTotp.lastUsedStep} - ${steps}` })
    .where(inArray(userTotp.userId, [...userIds]));
}

/** The user's authenticator secret as stored (sealed). */
export async function storedTotpSecret(db: Db, userId: string): Promise<string> {
  return only(await db.select().from(userTotp).where(eq(userTotp.userId, userId)), 'authenticator').secret;
}

/** The user's recovery codes as stored (hashed), used or not. */
export async function recoveryCodesOf(db: Db, userId: string) {
  return db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** The user's authenticator rows as stored (none until set-up starts). */
export async function totpRowsOf(db: Db, userId: string) {
  return db.select().from(userTotp).where(eq(userTotp.userId, userId));
}
