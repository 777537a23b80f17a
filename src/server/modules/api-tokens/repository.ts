import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
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

export async function insertToken(db: Queryable, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
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
