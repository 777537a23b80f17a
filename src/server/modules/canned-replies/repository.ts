import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import { cannedReplies } from './tables.js';

export type CannedReplyRow = typeof cannedReplies.$inferSelect & { companyName: string | null };

/**
 * What one person may see of an account's replies: every account-wide one, those of the given
 * companies (`null`: all of the account's), and their own personal ones — one query, ordered by shortcut.
 */
export async function listVisible(
  db: Queryable,
  accountId: string,
  userId: string,
  companyIds: readonly string[] | null,
): Promise<CannedReplyRow[]> {
  const companyScope: SQL =
    companyIds === null
      ? sql`${cannedReplies.scope} = 'company'`
      : companyIds.length === 0
        ? sql`false`
        : sql`${cannedReplies.scope} = 'company' and ${cannedReplies.companyId} in (${sql.join(
            companyIds.map((id) => sql`${id}`),
            sql`, `,
          )})`;
  return db
    .select({ ...cannedRepliesColumns, companyName: companies.name })
    .from(cannedReplies)
    .leftJoin(companies, eq(companies.id, cannedReplies.companyId))
    .where(
      and(
        eq(cannedReplies.accountId, accountId),
        sql`(${cannedReplies.scope} = 'account' or (${companyScope}) or (${cannedReplies.scope} = 'personal' and ${cannedReplies.ownerId} = ${userId}))`,
      ),
    )
    .orderBy(cannedReplies.shortcut, cannedReplies.title, cannedReplies.id);
}

const cannedRepliesColumns = {
  id: cannedReplies.id,
  accountId: cannedReplies.accountId,
  scope: cannedReplies.scope,
  companyId: cannedReplies.companyId,
  ownerId: cannedReplies.ownerId,
  title: cannedReplies.title,
  shortcut: cannedReplies.shortcut,
  body: cannedReplies.body,
  createdAt: cannedReplies.createdAt,
  updatedAt: cannedReplies.updatedAt,
};

export async function findReply(
  db: Queryable,
  accountId: string,
  id: string,
  { forUpdate = false } = {},
): Promise<CannedReplyRow | null> {
  const query = db
    .select({ ...cannedRepliesColumns, companyName: companies.name })
    .from(cannedReplies)
    .leftJoin(companies, eq(companies.id, cannedReplies.companyId))
    .where(and(eq(cannedReplies.accountId, accountId), eq(cannedReplies.id, id)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update', { of: cannedReplies }) : await query;
  return row ?? null;
}

export async function insertReply(
  db: Queryable,
  values: typeof cannedReplies.$inferInsert,
): Promise<typeof cannedReplies.$inferSelect> {
  const [row] = await db.insert(cannedReplies).values(values).returning();
  return row!;
}

export async function updateReply(
  db: Queryable,
  id: string,
  patch: Partial<Pick<typeof cannedReplies.$inferInsert, 'title' | 'shortcut' | 'body'>>,
): Promise<typeof cannedReplies.$inferSelect> {
  const [row] = await db
    .update(cannedReplies)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(cannedReplies.id, id))
    .returning();
  return row!;
}

export async function deleteReply(db: Queryable, id: string): Promise<void> {
  await db.delete(cannedReplies).where(eq(cannedReplies.id, id));
}
