import { selectSessionCompanyBatch, sessionFigures } from './repository.js';
import { batchSize, num, type ReportDefinition } from './types.js';

/**
 * Remote-support sessions created in the period, per company: how many, by outcome, their total
 * and average duration from the customer's consent to the end, and how many were recorded.
 * Keyset on the companies' (lower(name), id).
 */
export const supportSessions: ReportDefinition = {
  usesPeriod: true,
  columns: [
    'company',
    'sessions',
    'outcomeResolved',
    'outcomeUnresolved',
    'outcomeUnknown',
    'outcomeCustomerLeft',
    'outcomeExpired',
    'totalDurationSeconds',
    'averageDurationSeconds',
    'recordedSessions',
  ],
  async *batches(db, scope) {
    let after: [string, string] | null = null;
    for (;;) {
      const rows = await selectSessionCompanyBatch(db, scope, after);
      if (rows.length > 0) {
        yield rows.map((r) => [
          r.company,
          num(r.sessions),
          num(r.resolved),
          num(r.unresolved),
          num(r.unknown),
          num(r.customer_left),
          num(r.expired),
          num(r.total_seconds),
          num(r.average_seconds),
          num(r.recorded),
        ]);
      }
      const last = rows.at(-1);
      if (!last || rows.length < batchSize) return;
      after = [last.sort_name, last.company_id];
    }
  },
  async summary(db, scope) {
    const { counts: f, perCompany } = await sessionFigures(db, scope);
    return {
      facts: [
        { key: 'sessions', value: num(f.total), unit: 'count' },
        { key: 'sessionsResolved', value: num(f.resolved), unit: 'count' },
        { key: 'sessionsRecorded', value: num(f.recorded), unit: 'count' },
        { key: 'sessionTime', value: num(f.total_seconds), unit: 'seconds' },
        { key: 'averageSessionTime', value: num(f.average_seconds), unit: 'seconds' },
      ],
      chart: {
        titleKey: 'sessionsPerCompany',
        bars: perCompany.map((r) => ({ label: r.name, value: Number(r.count) })),
      },
    };
  },
};
