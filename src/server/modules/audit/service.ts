import { z } from 'zod';
import type { auditFilterQuery } from '../../../shared/contracts/audit.js';
import { roleCan } from '../../../shared/permissions.js';
import type { Actor } from '../../platform/authz.js';
import type { Queryable } from '../../platform/db/pool.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { type AuditFilter, type AuditRow, listAuditEvents } from './repository.js';

type AuditQuery = z.infer<typeof auditFilterQuery>;

/** Technicians read only their own actions; administrators read the account's. */
function scopedFilter(actor: Actor, query: AuditQuery): AuditFilter {
  const ownOnly = !roleCan(actor.role, 'audit.read');
  return { ...query, accountId: actor.accountId, actorId: ownOnly ? actor.userId : query.actorId };
}

/** A page of the audit events the actor may read, newest first, with the cursor of the next. */
export async function auditPage(
  db: Queryable,
  actor: Actor,
  { limit, cursor, ...filters }: AuditQuery & { limit: number; cursor?: string },
): Promise<{ page: AuditRow[]; nextCursor: string | null }> {
  const after = decodeCursor(cursor, z.tuple([cursorPart.bigint]));
  const rows = await listAuditEvents(db, scopedFilter(actor, filters), limit + 1, after ? BigInt(after[0]) : null);
  return splitPage(rows, limit, (last) => [last.id.toString()]);
}

/** Every audit event the actor may read that matches the filters, newest first, in batches of 1,000 read as they are asked for. */
export async function* auditBatches(db: Queryable, actor: Actor, query: AuditQuery): AsyncGenerator<AuditRow[]> {
  const filter = scopedFilter(actor, query);
  let before: bigint | null = null;
  for (;;) {
    const batch: AuditRow[] = await listAuditEvents(db, filter, 1000, before);
    yield batch;
    const last = batch.at(-1);
    if (batch.length < 1000 || !last) return;
    before = last.id;
  }
}
