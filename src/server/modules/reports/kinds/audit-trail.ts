import { sql } from 'drizzle-orm';
import { oneRow } from '../../../platform/db/one-row.js';
import { batchSize, num, type ReportDefinition } from './types.js';

type AuditLine = {
  id: string;
  occurred_at: string;
  actor_type: string;
  actor_name: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  ip: string | null;
};

/**
 * The account's audit events of the period (audit events belong to the account, not to a
 * company: the owner needs `audit.read`, which only administrators hold, and they see every company).
 */
export const auditTrail: ReportDefinition = {
  usesPeriod: true,
  columns: ['occurredAt', 'actorType', 'actor', 'action', 'objectType', 'objectId', 'ip'],
  async *batches(db, scope) {
    let after: string | null = null;
    for (;;) {
      const rows: AuditLine[] = (
        await db.execute<AuditLine>(sql`
          select id::text as id, occurred_at, actor_type, actor_name, action, object_type, object_id, ip from audit_events
          where account_id = ${scope.accountId} and occurred_at >= ${scope.periodStart} and occurred_at < ${scope.periodEnd}
            ${after ? sql`and id > ${after}::bigint` : sql``}
          order by id limit ${batchSize}`)
      ).rows;
      if (rows.length > 0)
        yield rows.map((e) => [
          new Date(e.occurred_at),
          e.actor_type,
          e.actor_name,
          e.action,
          e.object_type,
          e.object_id,
          e.ip,
        ]);
      const last = rows.at(-1);
      if (!last || rows.length < batchSize) return;
      after = last.id;
    }
  },
  async summary(db, scope) {
    const where = sql`account_id = ${scope.accountId} and occurred_at >= ${scope.periodStart} and occurred_at < ${scope.periodEnd}`;
    const f = oneRow(
      (
        await db.execute<{ total: string; actors: string }>(
          sql`select count(*) as total, count(distinct actor_id) as actors from audit_events where ${where}`,
        )
      ).rows,
      'counting audit events',
    );
    const top = await db.execute<{ action: string; count: string }>(sql`
      select action, count(*) as count from audit_events where ${where} group by action order by count(*) desc, action limit 8`);
    return {
      facts: [
        { key: 'events', value: num(f.total), unit: 'count' },
        { key: 'actors', value: num(f.actors), unit: 'count' },
      ],
      chart: { titleKey: 'topActions', bars: top.rows.map((r) => ({ label: r.action, value: Number(r.count) })) },
    };
  },
};
