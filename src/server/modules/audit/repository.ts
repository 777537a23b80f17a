import { and, desc, eq, getTableColumns, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { objectNameColumn } from './object-names.js';
import { auditEvents } from './tables.js';

/** An event as listed: its row and its object's name (`object-names.ts`). */
export type AuditRow = typeof auditEvents.$inferSelect & { objectName: string | null };

export async function insertAuditEvent(db: Queryable, row: typeof auditEvents.$inferInsert): Promise<void> {
  await db.insert(auditEvents).values(row);
}

export interface AuditFilter {
  accountId: string;
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
}

function conditions(f: AuditFilter, beforeId: bigint | null): SQL | undefined {
  return and(
    eq(auditEvents.accountId, f.accountId),
    f.actorId ? eq(auditEvents.actorId, f.actorId) : undefined,
    f.action ? eq(auditEvents.action, f.action) : undefined,
    f.objectType ? eq(auditEvents.objectType, f.objectType) : undefined,
    f.objectId ? eq(auditEvents.objectId, f.objectId) : undefined,
    f.from ? gte(auditEvents.occurredAt, new Date(f.from)) : undefined,
    f.to ? lte(auditEvents.occurredAt, new Date(f.to)) : undefined,
    beforeId !== null ? lt(auditEvents.id, beforeId) : undefined,
  );
}

/** Newest first, keyset-paginated on the identity column (it grows with time); one statement with the objects' names. */
export async function listAuditEvents(
  db: Queryable,
  filter: AuditFilter,
  limit: number,
  beforeId: bigint | null,
): Promise<AuditRow[]> {
  return db
    .select({ ...getTableColumns(auditEvents), objectName: objectNameColumn })
    .from(auditEvents)
    .where(conditions(filter, beforeId))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
