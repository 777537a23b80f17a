import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { sha256 } from '../../platform/crypto/secrets.js';
import type { Queryable } from '../../platform/db/pool.js';
import { scimTokens } from './tables.js';

export type ScimTokenRow = typeof scimTokens.$inferSelect;

/** The account's live SCIM tokens, newest first. */
export async function listScimTokens(db: Queryable, accountId: string): Promise<ScimTokenRow[]> {
  return db
    .select()
    .from(scimTokens)
    .where(and(eq(scimTokens.accountId, accountId), isNull(scimTokens.revokedAt)))
    .orderBy(desc(scimTokens.createdAt), desc(scimTokens.id));
}

export async function insertScimToken(db: Queryable, values: typeof scimTokens.$inferInsert): Promise<ScimTokenRow> {
  const [row] = await db.insert(scimTokens).values(values).returning();
  if (!row) throw new Error('the SCIM token was not stored');
  return row;
}

/** Revokes one of the account's live SCIM tokens; returns it, or null when there is none such. */
export async function revokeScimToken(db: Queryable, accountId: string, id: string): Promise<ScimTokenRow | null> {
  const [row] = await db
    .update(scimTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(scimTokens.accountId, accountId), eq(scimTokens.id, id), isNull(scimTokens.revokedAt)))
    .returning();
  return row ?? null;
}

/** A live SCIM token by its secret (looked up by its hash); null when it is unknown or revoked. */
export async function findLiveScimToken(db: Queryable, secret: string) {
  const [row] = await db
    .select({
      id: scimTokens.id,
      accountId: scimTokens.accountId,
      name: scimTokens.name,
      lastUsedAt: scimTokens.lastUsedAt,
    })
    .from(scimTokens)
    .where(and(eq(scimTokens.tokenHash, sha256(secret)), isNull(scimTokens.revokedAt)))
    .limit(1);
  return row ?? null;
}

/** A token was used: `last_used_at` becomes now, unless it was written less than a minute ago. */
export async function noteScimTokenUsed(db: Queryable, id: string): Promise<void> {
  await db
    .update(scimTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(scimTokens.id, id),
        or(isNull(scimTokens.lastUsedAt), lt(scimTokens.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}
