import { sql } from 'drizzle-orm';
import { oneRow } from '../../../platform/db/one-row.js';
import type { Queryable } from '../../../platform/db/pool.js';
import { batchSize, inCompanies, num, type ReportDefinition, type ReportScope } from './types.js';

type DeviceLine = {
  id: string;
  company_id: string;
  sort_name: string;
  company: string;
  name: string;
  hostname: string | null;
  status: string;
  platform: string;
  os: string | null;
  os_version: string | null;
  ip_addresses: string[];
  agent_version: string | null;
  tags: string[];
  enrolled_at: string;
  last_seen_at: string;
  revoked_at: string | null;
};

/**
 * The devices of the scope in batches, in (company, name) order, keyset on the devices'
 * (account, company, lower(name), id) index; `offlineOnly` keeps offline, unrevoked devices.
 */
export async function* deviceBatches(
  db: Queryable,
  scope: ReportScope,
  offlineOnly: boolean,
): AsyncGenerator<DeviceLine[]> {
  let after: [string, string, string] | null = null;
  for (;;) {
    const rows: DeviceLine[] = (
      await db.execute<DeviceLine>(sql`
        select d.id, d.company_id, lower(d.name) as sort_name, c.name as company, d.name, d.hostname, d.status, d.platform, d.os, d.os_version,
          d.ip_addresses, d.agent_version, d.tags, d.enrolled_at, d.last_seen_at, d.revoked_at
        from devices d join companies c on c.id = d.company_id
        where d.account_id = ${scope.accountId} and ${inCompanies(sql`d.company_id`, scope.companyIds)}
          ${offlineOnly ? sql`and d.status = 'offline' and d.revoked_at is null` : sql``}
          ${after ? sql`and (d.company_id, lower(d.name), d.id) > (${after[0]}::uuid, ${after[1]}, ${after[2]}::uuid)` : sql``}
        order by d.company_id, lower(d.name), d.id
        limit ${batchSize}`)
    ).rows;
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = [last.company_id, last.sort_name, last.id];
  }
}

/** Devices per company (the ten largest), for the chart. */
export async function devicesPerCompany(db: Queryable, scope: ReportScope, offlineOnly: boolean) {
  const rows = await db.execute<{ name: string; count: string }>(sql`
    select c.name, count(*) as count from devices d join companies c on c.id = d.company_id
    where d.account_id = ${scope.accountId} and ${inCompanies(sql`d.company_id`, scope.companyIds)}
      ${offlineOnly ? sql`and d.status = 'offline' and d.revoked_at is null` : sql``}
    group by c.name order by count(*) desc, c.name limit 10`);
  return rows.rows.map((r) => ({ label: r.name, value: Number(r.count) }));
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
    const counts = oneRow(
      (
        await db.execute<{ total: string; online: string; offline: string }>(sql`
          select count(*) as total,
            count(*) filter (where status = 'online' and revoked_at is null) as online,
            count(*) filter (where status = 'offline' and revoked_at is null) as offline
          from devices where account_id = ${scope.accountId} and ${inCompanies(sql`company_id`, scope.companyIds)}`)
      ).rows,
      'counting devices',
    );
    return {
      facts: [
        { key: 'devices', value: num(counts.total), unit: 'count' },
        { key: 'online', value: num(counts.online), unit: 'count' },
        { key: 'offline', value: num(counts.offline), unit: 'count' },
      ],
      chart: { titleKey: 'devicesPerCompany', bars: await devicesPerCompany(db, scope, false) },
    };
  },
};
