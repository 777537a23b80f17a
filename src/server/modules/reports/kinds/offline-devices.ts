import { deviceBatches, devicesPerCompanyBars } from './device-inventory.js';
import { offlineDeviceCounts } from './repository.js';
import { num, type ReportDefinition } from './types.js';

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
    const counts = await offlineDeviceCounts(db, scope, new Date(scope.periodEnd.getTime() - 86_400_000));
    return {
      facts: [
        { key: 'offline', value: num(counts.offline), unit: 'count' },
        { key: 'offlineOverDay', value: num(counts.day), unit: 'count' },
        { key: 'devices', value: num(counts.total), unit: 'count' },
      ],
      chart: { titleKey: 'offlinePerCompany', bars: await devicesPerCompanyBars(db, scope, true) },
    };
  },
};
