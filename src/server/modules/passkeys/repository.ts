import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { passkeys } from './tables.js';

export type PasskeyRow = typeof passkeys.$inferSelect;

export async function listPasskeys(db: Queryable, accountId: string, userId: string): Promise<PasskeyRow[]> {
  return db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.accountId, accountId), eq(passkeys.userId, userId)))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}

/** A new passkey; null when its credential id is already someone's (a credential belongs to one user). */
export async function insertPasskey(db: Queryable, row: typeof passkeys.$inferInsert): Promise<PasskeyRow | null> {
  const [created] = await db.insert(passkeys).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

/** The passkey a credential id names, whoever it belongs to. */
export async function findByCredentialId(db: Queryable, credentialId: string): Promise<PasskeyRow | null> {
  const [row] = await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId)).limit(1);
  return row ?? null;
}

export async function findPasskey(
  db: Queryable,
  accountId: string,
  userId: string,
  id: string,
): Promise<PasskeyRow | null> {
  const [row] = await db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.accountId, accountId), eq(passkeys.userId, userId), eq(passkeys.id, id)))
    .limit(1);
  return row ?? null;
}

export async function renamePasskey(
  db: Queryable,
  accountId: string,
  userId: string,
  id: string,
  name: string,
): Promise<PasskeyRow | null> {
  const [row] = await db
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.accountId, accountId), eq(passkeys.userId, userId), eq(passkeys.id, id)))
    .returning();
  return row ?? null;
}

export async function deletePasskey(
  db: Queryable,
  accountId: string,
  userId: string,
  id: string,
): Promise<PasskeyRow | null> {
  const [row] = await db
    .delete(passkeys)
    .where(and(eq(passkeys.accountId, accountId), eq(passkeys.userId, userId), eq(passkeys.id, id)))
    .returning();
  return row ?? null;
}

/** Removes every passkey of a user (an administrator's reset of their second factor); answers how many. */
export async function deleteUserPasskeys(db: Queryable, accountId: string, userId: string): Promise<number> {
  const rows = await db
    .delete(passkeys)
    .where(and(eq(passkeys.accountId, accountId), eq(passkeys.userId, userId)))
    .returning({ id: passkeys.id });
  return rows.length;
}

/**
 * Records a use: the authenticator's new counter, only if it is still the one the check was made
 * against (two answers at once cannot both pass), and when it was used. False if it moved meanwhile.
 */
export async function notePasskeyUsed(
  db: Queryable,
  passkey: Pick<PasskeyRow, 'id' | 'signCount'>,
  newCount: number,
  backedUp: boolean,
): Promise<boolean> {
  const rows = await db
    .update(passkeys)
    .set({ signCount: newCount, backedUp, lastUsedAt: sql`now()` })
    .where(and(eq(passkeys.id, passkey.id), eq(passkeys.signCount, passkey.signCount)))
    .returning({ id: passkeys.id });
  return rows.length === 1;
}
