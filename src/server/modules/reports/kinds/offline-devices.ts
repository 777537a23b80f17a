import { sql } from 'drizzle-orm';
import { oneRow } from '../../../platform/db/one-row.js';
import { deviceBatches, devicesPerCompany } from './device-inventory.js';
import { inCompanies, num, type ReportDefinition } from './types.js';

/** Devices offline at run time, by company and name, with how many hours they have been silent. */
export const offlineDevices: ReportDefinition = {
  usesPeriod: false,
  columns: ['company', 'device', 'hostname', 'platform', 'os', 'lastSeenAt', 'offlineHours'],
  async *batches(db, scope) {
    for await (const batch of deviceBatches(db, scope, true)) {
      yield batch.map((d) => [
        d.company,
        d.name,
        d.hostname,
        d.platform,
        d.os,
        new Date(d.last_seen_at),
        Math.max(0, Math.floor((scope.periodEnd.getTime() - new Date(d.last_seen_at).getTime()) / 3_600_000)),
      ]);
    }
  },
  async summary(db, scope) {
    const counts = oneRow(
      (
        await db.execute<{ offline: string; total: string; day: string }>(sql`
          select count(*) filter (where status = 'offline') as offline, count(*) as total,
            count(*) filter (where status = 'offline' and last_seen_at < ${new Date(scope.periodEnd.getTime() - 86_400_000)}) as day
          from devices where account_id = ${scope.accountId} and revoked_at is null and ${inCompanies(sql`company_id`, scope.companyIds)}`)
      ).rows,
      'counting offline devices',
    );
    return {
      facts: [
        { key: 'offline', value: num(counts.offline), unit: 'count' },
        { key: 'offlineOverDay', value: num(counts.day), unit: 'count' },
        { key: 'devices', value: num(counts.total), unit: 'count' },
      ],
      chart: { titleKey: 'offlinePerCompany', bars: await devicesPerCompany(db, scope, true) },
    };
  },
};
