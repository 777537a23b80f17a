import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { uuidArray } from '../../platform/db/uuid-array.js';
import { alertConditions, alertRules } from '../alerts/tables.js';
import { companies } from '../companies/tables.js';
import { devices } from '../devices/tables.js';
import { supportRequests } from '../requests/tables.js';
import { deviceStatusSamples } from './tables.js';

/**
 * The companies a dashboard counts: all of the account's (`null`) or a list (the caller's access,
 * or the one company chosen). Every read below takes the account id and this scope.
 */
export interface DashboardScope {
  accountId: string;
  companyIds: readonly string[] | null;
}

const inScope = (column: SQL, scope: DashboardScope): SQL =>
  scope.companyIds === null ? sql`true` : sql`${column} = any(${uuidArray(scope.companyIds)})`;

const toIso = (value: Date | string) => new Date(value).toISOString();

/** Live requests waiting and when the longest-waiting one arrived: one range of `support_requests_status_idx`. */
export async function waitingRequests(
  db: Queryable,
  scope: DashboardScope,
): Promise<{ waiting: number; oldest: string | null }> {
  const result = await db.execute<{ n: number; oldest: Date | string | null }>(sql`
    select count(*)::int as n, min(r.created_at) as oldest
    from ${supportRequests} r
    where r.account_id = ${scope.accountId} and r.status = 'waiting' and ${inScope(sql`r.company_id`, scope)}`);
  const row = result.rows[0];
  return { waiting: row?.n ?? 0, oldest: row?.oldest ? toIso(row.oldest) : null };
}

export interface CompanyDeviceCounts {
  companyId: string;
  name: string;
  online: number;
  offline: number;
}

/**
 * Devices online and offline: the totals, the number of companies with devices and the `top`
 * companies with the most offline devices (then by name), in one statement — one pass over the
 * account's devices grouped by company, window sums for the totals.
 */
export async function deviceCounts(
  db: Queryable,
  scope: DashboardScope,
  top: number,
): Promise<{ online: number; offline: number; companiesWithDevices: number; companies: CompanyDeviceCounts[] }> {
  const result = await db.execute<{
    company_id: string;
    name: string;
    online: number;
    offline: number;
    total_online: number;
    total_offline: number;
    companies: number;
  }>(sql`
    with per_company as (
      select d.company_id,
        count(*) filter (where d.status = 'online')::int as online,
        count(*) filter (where d.status = 'offline')::int as offline
      from ${devices} d
      where d.account_id = ${scope.accountId} and ${inScope(sql`d.company_id`, scope)}
      group by d.company_id
    ), ranked as (
      select p.*, sum(p.online) over ()::int as total_online, sum(p.offline) over ()::int as total_offline,
        count(*) over ()::int as companies
      from per_company p
    )
    select r.company_id, c.name, r.online, r.offline, r.total_online, r.total_offline, r.companies
    from ranked r join ${companies} c on c.id = r.company_id
    order by r.offline desc, lower(c.name), c.id
    limit ${top}`);
  const first = result.rows[0];
  return {
    online: first?.total_online ?? 0,
    offline: first?.total_offline ?? 0,
    companiesWithDevices: first?.companies ?? 0,
    companies: result.rows.map((r) => ({
      companyId: r.company_id,
      name: r.name,
      online: r.online,
      offline: r.offline,
    })),
  };
}

/** The samples since `since`, summed over the scope's companies per sample time, oldest first. */
export async function deviceTrend(
  db: Queryable,
  scope: DashboardScope,
  since: Date,
): Promise<{ at: string; online: number; offline: number }[]> {
  const result = await db.execute<{ at: Date | string; online: number; offline: number }>(sql`
    select s.at, sum(s.online)::int as online, sum(s.offline)::int as offline
    from ${deviceStatusSamples} s
    where s.account_id = ${scope.accountId} and s.at >= ${since.toISOString()}::timestamptz
      and ${inScope(sql`s.company_id`, scope)}
    group by s.at
    order by s.at`);
  return result.rows.map((r) => ({ at: toIso(r.at), online: r.online, offline: r.offline }));
}

/**
 * Alerts fired since `since`: conditions of the account's rules whose alert went out (`fired_at`),
 * through `alert_conditions_rule_idx` (rule, fired_at) per rule. Account-wide conditions (no
 * company) count only in the whole account's scope (those who see every company, none chosen).
 */
export async function alertsFiredSince(db: Queryable, scope: DashboardScope, since: Date): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`
    select count(*)::int as n
    from ${alertConditions} c
    where c.rule_id in (select r.id from ${alertRules} r where r.account_id = ${scope.accountId})
      and c.account_id = ${scope.accountId} and c.fired_at >= ${since.toISOString()}::timestamptz and ${inScope(sql`c.company_id`, scope)}`);
  return result.rows[0]?.n ?? 0;
}
