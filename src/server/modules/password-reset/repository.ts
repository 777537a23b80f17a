import { and, eq, lt } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { users } from '../users/tables.js';
import { passwordResets } from './tables.js';

export type PasswordResetRow = typeof passwordResets.$inferSelect;

/** Makes this the user's one live link: an older link of the same user stops working. Drops links long expired. */
export async function replaceReset(
  tx: Queryable,
  row: Omit<typeof passwordResets.$inferInsert, 'createdAt'>,
): Promise<void> {
  await tx.delete(passwordResets).where(lt(passwordResets.expiresAt, new Date(Date.now() - 24 * 3600_000)));
  await tx
    .insert(passwordResets)
    .values(row)
    .onConflictDoUpdate({
      target: passwordResets.userId,
      set: {
        tokenHash: row.tokenHash,
        passwordFingerprint: row.passwordFingerprint,
        requestedBy: row.requestedBy ?? null,
        expiresAt: row.expiresAt,
        createdAt: new Date(),
      },
    });
}

export interface ResetWithUser {
  reset: PasswordResetRow;
  user: typeof users.$inferSelect;
  accountName: string;
}

/** The link of this token hash with its user and account, whatever its state (the caller checks it). */
export async function findReset(db: Queryable, tokenHash: string): Promise<ResetWithUser | null> {
  const [row] = await db
    .select({ reset: passwordResets, user: users, accountName: accounts.name })
    .from(passwordResets)
    .innerJoin(users, and(eq(users.id, passwordResets.userId), eq(users.accountId, passwordResets.accountId)))
    .innerJoin(accounts, eq(accounts.id, passwordResets.accountId))
    .where(eq(passwordResets.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

/** Takes the link away (used once): true for the one caller that took it. */
export async function claimReset(tx: Queryable, tokenHash: string): Promise<boolean> {
  const taken = await tx
    .delete(passwordResets)
    .where(eq(passwordResets.tokenHash, tokenHash))
    .returning({ userId: passwordResets.userId });
  return taken.length === 1;
}
