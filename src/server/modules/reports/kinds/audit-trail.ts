import { auditFigures, selectAuditBatch } from './repository.js';
import { batchSize, num, type ReportDefinition } from './types.js';

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
      const rows = await selectAuditBatch(db, scope, after);
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
    const { counts, topActions } = await auditFigures(db, scope);
    return {
      facts: [
        { key: 'events', value: num(counts.total), unit: 'count' },
        { key: 'actors', value: num(counts.actors), unit: 'count' },
      ],
      chart: { titleKey: 'topActions', bars: topActions.map((r) => ({ label: r.action, value: Number(r.count) })) },
    };
  },
};
