import { sql, type SQL } from 'drizzle-orm';
import { oneRow } from '../../../platform/db/one-row.js';
import type { Queryable } from '../../../platform/db/pool.js';
import { batchSize, type ReportScope } from './types.js';

/**
 * What the kinds of report read: one keyset batch of rows per call (at most `batchSize`) and the
 * summaries' aggregates. Each kind shapes these rows into its CSV lines and facts.
 */

/** `column in (...)` for the scope's companies, or nothing when the owner sees them all. */
function inCompanies(column: SQL, companyIds: readonly string[] | null): SQL {
  if (companyIds === null) return sql`true`;
  if (companyIds.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(
    companyIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/** A chart's bars: a name and its count. */
type NameCount = { name: string; count: string };

// --- audit trail

export type AuditLine = {
  id: string;
  occurred_at: string;
  actor_type: string;
  actor_name: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  ip: string | null;
};

/** The account's audit events of the period after the event `after`, by id. */
export async function selectAuditBatch(db: Queryable, scope: ReportScope, after: string | null): Promise<AuditLine[]> {
  const result = await db.execute<AuditLine>(sql`
    select id::text as id, occurred_at, actor_type, actor_name, action, object_type, object_id, ip from audit_events
    where account_id = ${scope.accountId} and occurred_at >= ${scope.periodStart} and occurred_at < ${scope.periodEnd}
      ${after ? sql`and id > ${after}::bigint` : sql``}
    order by id limit ${batchSize}`);
  return result.rows;
}

/** The period's audit events and distinct actors counted, and its eight most frequent actions. */
export async function auditFigures(db: Queryable, scope: ReportScope) {
  const where = sql`account_id = ${scope.accountId} and occurred_at >= ${scope.periodStart} and occurred_at < ${scope.periodEnd}`;
  const counts = oneRow(
    (
      await db.execute<{ total: string; actors: string }>(
        sql`select count(*) as total, count(distinct actor_id) as actors from audit_events where ${where}`,
      )
    ).rows,
    'counting audit events',
  );
  const top = await db.execute<{ action: string; count: string }>(sql`
    select action, count(*) as count from audit_events where ${where} group by action order by count(*) desc, action limit 8`);
  return { counts, topActions: top.rows };
}

// --- devices (inventory, offline devices)

export type DeviceLine = {
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

/** The (company, lower(name), id) of a device, where a keyset batch resumes. */
export type DeviceKey = [string, string, string];

/**
 * The scope's devices after `after`, in (company, name) order, keyset on the devices'
 * (account, company, lower(name), id) index; `offlineOnly` keeps offline, unrevoked devices.
 */
export async function selectDeviceBatch(
  db: Queryable,
  scope: ReportScope,
  offlineOnly: boolean,
  after: DeviceKey | null,
): Promise<DeviceLine[]> {
  const result = await db.execute<DeviceLine>(sql`
    select d.id, d.company_id, lower(d.name) as sort_name, c.name as company, d.name, d.hostname, d.status, d.platform, d.os, d.os_version,
      d.ip_addresses, d.agent_version, d.tags, d.enrolled_at, d.last_seen_at, d.revoked_at
    from devices d join companies c on c.id = d.company_id
    where d.account_id = ${scope.accountId} and ${inCompanies(sql`d.company_id`, scope.companyIds)}
      ${offlineOnly ? sql`and d.status = 'offline' and d.revoked_at is null` : sql``}
      ${after ? sql`and (d.company_id, lower(d.name), d.id) > (${after[0]}::uuid, ${after[1]}, ${after[2]}::uuid)` : sql``}
    order by d.company_id, lower(d.name), d.id
    limit ${batchSize}`);
  return result.rows;
}

/** Devices per company (the ten largest); `offlineOnly` as for the batches. */
export async function devicesPerCompany(db: Queryable, scope: ReportScope, offlineOnly: boolean): Promise<NameCount[]> {
  const result = await db.execute<NameCount>(sql`
    select c.name, count(*) as count from devices d join companies c on c.id = d.company_id
    where d.account_id = ${scope.accountId} and ${inCompanies(sql`d.company_id`, scope.companyIds)}
      ${offlineOnly ? sql`and d.status = 'offline' and d.revoked_at is null` : sql``}
    group by c.name order by count(*) desc, c.name limit 10`);
  return result.rows;
}

/** The scope's devices counted: all of them, and the unrevoked online and offline. */
export async function deviceCounts(db: Queryable, scope: ReportScope) {
  const result = await db.execute<{ total: string; online: string; offline: string }>(sql`
    select count(*) as total,
      count(*) filter (where status = 'online' and revoked_at is null) as online,
      count(*) filter (where status = 'offline' and revoked_at is null) as offline
    from devices where account_id = ${scope.accountId} and ${inCompanies(sql`company_id`, scope.companyIds)}`);
  return oneRow(result.rows, 'counting devices');
}

/** The scope's unrevoked devices counted: all, offline, and offline since before `dayBefore`. */
export async function offlineDeviceCounts(db: Queryable, scope: ReportScope, dayBefore: Date) {
  const result = await db.execute<{ offline: string; total: string; day: string }>(sql`
    select count(*) filter (where status = 'offline') as offline, count(*) as total,
      count(*) filter (where status = 'offline' and last_seen_at < ${dayBefore}) as day
    from devices where account_id = ${scope.accountId} and revoked_at is null and ${inCompanies(sql`company_id`, scope.companyIds)}`);
  return oneRow(result.rows, 'counting offline devices');
}

// --- seat usage

export type UserLine = {
  id: string;
  sort_name: string;
  name: string;
  email: string;
  role: string;
  status: string;
  all_companies: boolean;
  companies: string[] | null;
  remote_support: boolean;
  service_desk: boolean;
};

/** The (lower(name), id) of a user, where a keyset batch resumes. */
export type UserKey = [string, string];

/**
 * The users who work in the scope's companies after `after`, by name, each with their role,
 * companies and seats (aggregated in the one query).
 */
export async function selectUserBatch(db: Queryable, scope: ReportScope, after: UserKey | null): Promise<UserLine[]> {
  const result = await db.execute<UserLine>(sql`
    select u.id, lower(u.name) as sort_name, u.name, u.email, u.role, u.status, u.all_companies,
      (select array_agg(c.name order by c.name) from user_companies uc join companies c on c.id = uc.company_id where uc.user_id = u.id) as companies,
      exists (select 1 from seat_assignments s where s.user_id = u.id and s.module = 'remoteSupport') as remote_support,
      exists (select 1 from seat_assignments s where s.user_id = u.id and s.module = 'serviceDesk') as service_desk
    from users u
    where u.account_id = ${scope.accountId}
      and (u.all_companies or exists (select 1 from user_companies uc where uc.user_id = u.id and ${inCompanies(sql`uc.company_id`, scope.companyIds)}))
      ${after ? sql`and (lower(u.name), u.id) > (${after[0]}, ${after[1]}::uuid)` : sql``}
    order by lower(u.name), u.id limit ${batchSize}`);
  return result.rows;
}

/** The licence's seats and device limit with what is used of them; null when the account has no licence row. */
export async function licenceUsage(db: Queryable, scope: ReportScope) {
  const result = await db.execute<{
    rs_total: number;
    sd_total: number;
    device_limit: number;
    rs_used: string;
    sd_used: string;
    devices: string;
  }>(sql`
    select l.remote_support_seats as rs_total, l.service_desk_seats as sd_total, l.device_limit,
      (select count(*) from seat_assignments s where s.account_id = l.account_id and s.module = 'remoteSupport') as rs_used,
      (select count(*) from seat_assignments s where s.account_id = l.account_id and s.module = 'serviceDesk') as sd_used,
      (select count(*) from devices d where d.account_id = l.account_id and d.revoked_at is null) as devices
    from account_licences l where l.account_id = ${scope.accountId}`);
  return result.rows[0] ?? null;
}

// --- support activity

export type RequestLine = {
  number: number;
  company: string;
  status: string;
  kind: string | null;
  customer_name: string;
  customer_email: string;
  created_at: string;
  accepted_at: string | null;
  offline_at: string | null;
  answered_at: string | null;
  closed_at: string | null;
  assignee: string | null;
};

/** Support requests of the scope created in the period, after request number `after`, by number. */
export async function selectRequestBatch(db: Queryable, scope: ReportScope, after: number): Promise<RequestLine[]> {
  const result = await db.execute<RequestLine>(sql`
    select r.number, c.name as company, r.status, r.kind, r.customer_name, r.customer_email, r.created_at, r.accepted_at, r.offline_at,
      r.answered_at, r.closed_at, u.name as assignee
    from support_requests r join companies c on c.id = r.company_id left join users u on u.id = r.assignee_id
    where r.account_id = ${scope.accountId} and ${inCompanies(sql`r.company_id`, scope.companyIds)}
      and r.created_at >= ${scope.periodStart} and r.created_at < ${scope.periodEnd} and r.number > ${after}
    order by r.number limit ${batchSize}`);
  return result.rows;
}

/**
 * The period's requests counted (all, chats accepted, offline questions, answered), the median
 * waits in seconds, and the requests per company (the ten largest).
 */
export async function requestFigures(db: Queryable, scope: ReportScope) {
  const where = sql`r.account_id = ${scope.accountId} and ${inCompanies(sql`r.company_id`, scope.companyIds)} and r.created_at >= ${scope.periodStart} and r.created_at < ${scope.periodEnd}`;
  const counts = oneRow(
    (
      await db.execute<{
        total: string;
        chats: string;
        questions: string;
        answered: string;
        wait: string | null;
        answer: string | null;
      }>(sql`
        select count(*) as total,
          count(*) filter (where r.accepted_at is not null) as chats,
          count(*) filter (where r.offline_at is not null) as questions,
          count(*) filter (where r.answered_at is not null) as answered,
          percentile_cont(0.5) within group (order by extract(epoch from coalesce(r.accepted_at, r.offline_at) - r.created_at)) as wait,
          percentile_cont(0.5) within group (order by extract(epoch from r.answered_at - r.offline_at)) as answer
        from support_requests r where ${where}`)
    ).rows,
    'summing support requests',
  );
  const perCompany = await db.execute<NameCount>(sql`
    select c.name, count(*) as count from support_requests r join companies c on c.id = r.company_id
    where ${where} group by c.name order by count(*) desc, c.name limit 10`);
  return { counts, perCompany: perCompany.rows };
}

// --- support sessions

export type SessionCompanyLine = {
  company_id: string;
  sort_name: string;
  company: string;
  sessions: string;
  resolved: string;
  unresolved: string;
  unknown: string;
  customer_left: string;
  expired: string;
  total_seconds: string | null;
  average_seconds: string | null;
  recorded: string;
};

const sessionsOfPeriod = (scope: ReportScope) =>
  sql`s.account_id = ${scope.accountId} and ${inCompanies(sql`s.company_id`, scope.companyIds)} and s.created_at >= ${scope.periodStart} and s.created_at < ${scope.periodEnd}`;

/** Seconds from the customer's consent to the end, for sessions that had both. */
const sessionSeconds = sql`extract(epoch from s.ended_at - s.started_at)`;

/**
 * The remote-support sessions created in the period, one line per company with sessions, in
 * (lower(name), id) order after `after`: how many, by outcome, their total and average duration
 * (consent to end), how many were recorded.
 */
export async function selectSessionCompanyBatch(
  db: Queryable,
  scope: ReportScope,
  after: [string, string] | null,
): Promise<SessionCompanyLine[]> {
  const result = await db.execute<SessionCompanyLine>(sql`
    select c.id as company_id, lower(c.name) as sort_name, c.name as company, count(*) as sessions,
      count(*) filter (where s.outcome = 'resolved') as resolved,
      count(*) filter (where s.outcome = 'unresolved') as unresolved,
      count(*) filter (where s.outcome = 'unknown') as unknown,
      count(*) filter (where s.outcome = 'customer_left') as customer_left,
      count(*) filter (where s.outcome = 'expired') as expired,
      round(sum(${sessionSeconds})) as total_seconds,
      round(avg(${sessionSeconds})) as average_seconds,
      count(*) filter (where s.recorded) as recorded
    from support_sessions s join companies c on c.id = s.company_id
    where ${sessionsOfPeriod(scope)}
      ${after ? sql`and (lower(c.name), c.id) > (${after[0]}, ${after[1]}::uuid)` : sql``}
    group by c.id, c.name
    order by lower(c.name), c.id
    limit ${batchSize}`);
  return result.rows;
}

/** The period's sessions counted (all, ended, recorded), their durations, and sessions per company (the ten busiest). */
export async function sessionFigures(db: Queryable, scope: ReportScope) {
  const where = sessionsOfPeriod(scope);
  const counts = oneRow(
    (
      await db.execute<{
        total: string;
        resolved: string;
        recorded: string;
        total_seconds: string | null;
        average_seconds: string | null;
      }>(sql`
        select count(*) as total, count(*) filter (where s.outcome = 'resolved') as resolved,
          count(*) filter (where s.recorded) as recorded,
          round(sum(${sessionSeconds})) as total_seconds, round(avg(${sessionSeconds})) as average_seconds
        from support_sessions s where ${where}`)
    ).rows,
    'summing support sessions',
  );
  const perCompany = await db.execute<NameCount>(sql`
    select c.name, count(*) as count from support_sessions s join companies c on c.id = s.company_id
    where ${where} group by c.name order by count(*) desc, c.name limit 10`);
  return { counts, perCompany: perCompany.rows };
}
