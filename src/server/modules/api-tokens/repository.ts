import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { sha256 } from '../../platform/crypto/secrets.js';
import type { Queryable } from '../../platform/db/pool.js';
import { apiTokens } from './tables.js';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** A user's live tokens, newest first, keyset-paginated on (created_at, id). */
export async function listTokens(
  db: Queryable,
  accountId: string,
  userId: string,
  limit: number,
  after: [string, string] | null,
) {
  return db
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.accountId, accountId),
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        after
          ? or(
              lt(apiTokens.createdAt, new Date(after[0])),
              and(eq(apiTokens.createdAt, new Date(after[0])), lt(apiTokens.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(limit + 1);
}

/** A live token (not revoked, not expired) by its secret, which is looked up by its hash; null when there is none. */
export async function findLiveToken(db: Queryable, secret: string) {
  const [token] = await db
    .select({
      id: apiTokens.id,
      accountId: apiTokens.accountId,
      userId: apiTokens.userId,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(secret)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
      ),
    )
    .limit(1);
  return token ?? null;
}

/** A token was used: `last_used_at` becomes now, unless it was written less than a minute ago. */
export async function noteTokenUsed(db: Queryable, tokenId: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}

export async function insertToken(db: Queryable, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error('the token was not stored');
  return row;
}

/** Revokes one of the user's own live tokens; returns it, or null if there is none such. */
export async function revokeToken(
  db: Queryable,
  accountId: string,
  userId: string,
  id: string,
): Promise<ApiTokenRow | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.accountId, accountId),
        eq(apiTokens.userId, userId),
        eq(apiTokens.id, id),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning();
  return row ?? null;
}

/** Revokes every live token of a user (their password changed); answers how many. */
export async function revokeAllTokensOf(db: Queryable, accountId: string, userId: string): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.accountId, accountId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}
