import type { Queryable } from '../../../platform/db/pool.js';
import { deviceCounts, devicesPerCompany, selectDeviceBatch, type DeviceKey, type DeviceLine } from './repository.js';
import { batchSize, num, type ReportDefinition, type ReportScope } from './types.js';

/**
 * The devices of the scope in batches, in (company, name) order, keyset on the devices'
 * (account, company, lower(name), id) index; `offlineOnly` keeps offline, unrevoked devices.
 */
export async function* deviceBatches(
  db: Queryable,
  scope: ReportScope,
  offlineOnly: boolean,
): AsyncGenerator<DeviceLine[]> {
  let after: DeviceKey | null = null;
  for (;;) {
    const rows = await selectDeviceBatch(db, scope, offlineOnly, after);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = [last.company_id, last.sort_name, last.id];
  }
}

/** Devices per company (the ten largest), for the chart. */
export async function devicesPerCompanyBars(db: Queryable, scope: ReportScope, offlineOnly: boolean) {
  return (await devicesPerCompany(db, scope, offlineOnly)).map((r) => ({ label: r.name, value: Number(r.count) }));
}

export const deviceInventory: ReportDefinition = {
  usesPeriod: false,
  columns: [
    'company',
    'device',
    'hostname',
    'status',
    'platform',
    'os',
    'osVersion',
    'ipAddresses',
    'agentVersion',
    'tags',
    'enrolledAt',
    'lastSeenAt',
  ],
  async *batches(db, scope) {
    for await (const batch of deviceBatches(db, scope, false)) {
      yield batch.map((d) => [
        d.company,
        d.name,
        d.hostname,
        d.revoked_at ? 'revoked' : d.status,
        d.platform,
        d.os,
        d.os_version,
        d.ip_addresses.join(' '),
        d.agent_version,
        d.tags.join(';'),
        new Date(d.enrolled_at),
        new Date(d.last_seen_at),
      ]);
    }
  },
  async summary(db, scope) {
    const counts = await deviceCounts(db, scope);
    return {
      facts: [
        { key: 'devices', value: num(counts.total), unit: 'count' },
        { key: 'online', value: num(counts.online), unit: 'count' },
        { key: 'offline', value: num(counts.offline), unit: 'count' },
      ],
      chart: { titleKey: 'devicesPerCompany', bars: await devicesPerCompanyBars(db, scope, false) },
    };
  },
};
