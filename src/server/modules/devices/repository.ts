import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type {
  AgentInventory,
  DeviceFilter,
  DevicePlatform,
  DeviceSort,
  DeviceStatus,
} from '../../../shared/contracts/devices.js';
import type { Queryable } from '../../platform/db/pool.js';
import { oneRow } from '../../platform/db/one-row.js';
import { uuidArray } from '../../platform/db/uuid-array.js';
import { companies } from '../companies/tables.js';
import { deviceStatusChanges, devices } from './tables.js';

export type DeviceRow = typeof devices.$inferSelect;

/** A device as lists show it, with its company's name and the value its sort uses. */
export interface DeviceListRow {
  id: string;
  accountId: string;
  companyId: string;
  companyName: string;
  name: string;
  hostname: string | null;
  platform: DevicePlatform;
  os: string | null;
  osVersion: string | null;
  ipAddresses: string[];
  agentVersion: string | null;
  status: DeviceStatus;
  tags: string[];
  notes: string;
  hardware: unknown;
  enrolledAt: Date;
  lastSeenAt: Date;
  inventoryAt: Date | null;
  revokedAt: Date | null;
  /** the sort column's value, exactly as the cursor carries it */
  sortKey: string;
}

/** What the search looks into, lower case: the name, the hostname and the addresses. */
export function searchTextOf(name: string, hostname: string | null, addresses: readonly string[]): string {
  return [name, hostname ?? '', ...addresses].join(' ').toLowerCase();
}

/** `%` and `_` typed by someone are matched literally. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function hardwareOf(inventory: AgentInventory) {
  return {
    cpu: inventory.cpu,
    memory: inventory.memory,
    disks: inventory.disks,
    uptimeSeconds: inventory.uptimeSeconds,
  };
}

// --- the agent's side -------------------------------------------------------------------------------

export async function findCompanyByDataKey(
  db: Queryable,
  dataKey: string,
): Promise<{ id: string; accountId: string; name: string } | null> {
  const [row] = await db
    .select({ id: companies.id, accountId: companies.accountId, name: companies.name })
    .from(companies)
    .where(eq(companies.dataKey, dataKey))
    .limit(1);
  return row ?? null;
}

export async function insertDevice(
  db: Queryable,
  values: {
    accountId: string;
    companyId: string;
    name: string;
    credentialHash: string;
    inventory: AgentInventory;
    status: DeviceStatus;
  },
): Promise<DeviceRow> {
  const inv = values.inventory;
  return oneRow(
    await db
      .insert(devices)
      .values({
        accountId: values.accountId,
        companyId: values.companyId,
        name: values.name,
        credentialHash: values.credentialHash,
        status: values.status,
        hostname: inv.hostname,
        platform: inv.platform,
        os: inv.os,
        osVersion: inv.osVersion,
        ipAddresses: inv.addresses,
        agentVersion: inv.agentVersion,
        hardware: hardwareOf(inv),
        searchText: searchTextOf(values.name, inv.hostname, inv.addresses),
        inventoryAt: sql`now()`,
      })
      .returning(),
    'insert device',
  );
}

export interface SeenDevice {
  id: string;
  accountId: string;
  companyId: string;
  name: string;
  /** the status before this heartbeat */
  was: DeviceStatus;
  lastSeenAt: Date;
}

/**
 * The common heartbeat: a device already online is seen again. One autocommit UPDATE; false when
 * the credential is unknown or revoked, or the device is not online (then the caller takes the
 * transition path, `recordHeartbeat`, which writes the history and event with the flip).
 */
export async function touchOnlineDevice(db: Queryable, credentialHash: string): Promise<boolean> {
  const result = await db.execute(sql`
    update ${devices} set last_seen_at = now()
    where credential_hash = ${credentialHash} and revoked_at is null and status = 'online'`);
  return (result.rowCount ?? 0) > 0;
}

/**
 * `touchOnlineDevice` for many credentials in one UPDATE (one commit): the hashes of the devices
 * that were online and are seen again.
 */
export async function touchOnlineDevices(db: Queryable, credentialHashes: readonly string[]): Promise<Set<string>> {
  const result = await db.execute<{ credential_hash: string }>(sql`
    update ${devices} set last_seen_at = now()
    where credential_hash = any(${sql.param([...credentialHashes])}::text[]) and revoked_at is null and status = 'online'
    returning credential_hash`);
  return new Set(result.rows.map((r) => r.credential_hash));
}

/**
 * A heartbeat: one UPDATE found by the credential's hash (a revoked device matches nothing).
 * Returns the device and the status it had before, or null for an unknown or revoked credential.
 */
export async function recordHeartbeat(db: Queryable, credentialHash: string): Promise<SeenDevice | null> {
  const result = await db.execute<{
    id: string;
    account_id: string;
    company_id: string;
    name: string;
    was: DeviceStatus;
    last_seen_at: string | Date;
  }>(sql`
    update ${devices} d set last_seen_at = now(), status = 'online'
    from (select id, status from ${devices} where credential_hash = ${credentialHash} and revoked_at is null for update) old
    where d.id = old.id
    returning d.id, d.account_id, d.company_id, d.name, old.status as was, d.last_seen_at`);
  const row = result.rows[0];
  return row
    ? {
        id: row.id,
        accountId: row.account_id,
        companyId: row.company_id,
        name: row.name,
        was: row.was,
        lastSeenAt: new Date(row.last_seen_at),
      }
    : null;
}

/** Stores an inventory report (also a sign of life); null for an unknown or revoked credential. */
export async function storeInventory(
  db: Queryable,
  credentialHash: string,
  inv: AgentInventory,
): Promise<SeenDevice | null> {
  const result = await db.execute<{
    id: string;
    account_id: string;
    company_id: string;
    name: string;
    was: DeviceStatus;
    last_seen_at: string | Date;
  }>(sql`
    update ${devices} d set
      hostname = ${inv.hostname}, platform = ${inv.platform}, os = ${inv.os}, os_version = ${inv.osVersion},
      ip_addresses = ${sql`${`{${inv.addresses.join(',')}}`}::text[]`}, agent_version = ${inv.agentVersion},
      hardware = ${JSON.stringify(hardwareOf(inv))}::jsonb,
      search_text = lower(d.name || ' ' || ${searchTextOf('', inv.hostname, inv.addresses).trimStart()}),
      inventory_at = now(), last_seen_at = now(), status = 'online'
    from (select id, status from ${devices} where credential_hash = ${credentialHash} and revoked_at is null for update) old
    where d.id = old.id
    returning d.id, d.account_id, d.company_id, d.name, old.status as was, d.last_seen_at`);
  const row = result.rows[0];
  return row
    ? {
        id: row.id,
        accountId: row.account_id,
        companyId: row.company_id,
        name: row.name,
        was: row.was,
        lastSeenAt: new Date(row.last_seen_at),
      }
    : null;
}

export async function insertStatusChanges(
  db: Queryable,
  rows: { accountId: string; deviceId: string; status: DeviceStatus; at?: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(deviceStatusChanges).values(
    rows.map((r) => ({
      accountId: r.accountId,
      deviceId: r.deviceId,
      status: r.status,
      ...(r.at ? { at: r.at } : {}),
    })),
  );
}

// --- offline detection ----------------------------------------------------------------------------

/** The companies that have online devices, per account: what the sweep has to look at. */
export async function companiesWithOnlineDevices(db: Queryable): Promise<{ accountId: string; companyId: string }[]> {
  const result = await db.execute<{ account_id: string; company_id: string }>(sql`
    select distinct account_id, company_id from ${devices} where status = 'online'`);
  return result.rows.map((r) => ({ accountId: r.account_id, companyId: r.company_id }));
}

/**
 * Marks offline at most `limit` online devices of a company last seen before `cutoff` (the
 * longest silent first). Conditional and skipping rows another transaction holds, so that each
 * transition happens once even when several processes sweep at the same moment.
 */
export async function markOffline(db: Queryable, accountId: string, companyId: string, cutoff: Date, limit: number) {
  const result = await db.execute<{ id: string; name: string; last_seen_at: string | Date }>(sql`
    update ${devices} set status = 'offline'
    where id in (
      select id from ${devices}
      where account_id = ${accountId} and company_id = ${companyId} and status = 'online' and last_seen_at < ${cutoff.toISOString()}::timestamptz
      order by last_seen_at, id
      limit ${limit}
      for update skip locked)
    and status = 'online'
    returning id, name, last_seen_at`);
  return result.rows.map((r) => ({ id: r.id, name: r.name, lastSeenAt: new Date(r.last_seen_at) }));
}

// --- the inventory ------------------------------------------------------------------------------------

interface RawDevice {
  id: string;
  account_id: string;
  company_id: string;
  company_name: string;
  name: string;
  hostname: string | null;
  platform: DevicePlatform;
  os: string | null;
  os_version: string | null;
  ip_addresses: string[];
  agent_version: string | null;
  status: DeviceStatus;
  tags: string[];
  notes: string;
  hardware: unknown;
  enrolled_at: string | Date;
  last_seen_at: string | Date;
  inventory_at: string | Date | null;
  revoked_at: string | Date | null;
  sort_key: string;
  [key: string]: unknown;
}

const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));

function fromRaw(r: RawDevice): DeviceListRow {
  return {
    id: r.id,
    accountId: r.account_id,
    companyId: r.company_id,
    companyName: r.company_name,
    name: r.name,
    hostname: r.hostname,
    platform: r.platform,
    os: r.os,
    osVersion: r.os_version,
    ipAddresses: r.ip_addresses,
    agentVersion: r.agent_version,
    status: r.status,
    tags: r.tags,
    notes: r.notes,
    hardware: r.hardware,
    enrolledAt: toDate(r.enrolled_at),
    lastSeenAt: toDate(r.last_seen_at),
    inventoryAt: r.inventory_at === null ? null : toDate(r.inventory_at),
    revokedAt: r.revoked_at === null ? null : toDate(r.revoked_at),
    sortKey: r.sort_key,
  };
}

/** The sort expressions, exactly those of the indexes; timestamps travel as PostgreSQL's text. */
const sortExpressions: Record<DeviceSort, { expr: SQL; key: SQL; cast: SQL }> = {
  name: { expr: sql`lower(d.name)`, key: sql`lower(d.name)`, cast: sql`::text` },
  lastSeen: { expr: sql`d.last_seen_at`, key: sql`d.last_seen_at::text`, cast: sql`::timestamptz` },
  enrolled: { expr: sql`d.enrolled_at`, key: sql`d.enrolled_at::text`, cast: sql`::timestamptz` },
};

export interface DeviceScope {
  accountId: string;
  /** the companies the actor may see; null: all of the account's */
  visible: readonly string[] | null;
}

/** The WHERE of the list, its count and its export: the account, company scope and the filters. */
function conditions(scope: DeviceScope, filter: Omit<DeviceFilter, 'sort' | 'order'>): SQL | null {
  const parts: SQL[] = [sql`d.account_id = ${scope.accountId}`];
  if (scope.visible !== null) {
    if (scope.visible.length === 0) return null;
    parts.push(sql`d.company_id = any(${uuidArray(scope.visible)})`);
  }
  if (filter.companyId) parts.push(sql`d.company_id = ${filter.companyId}`);
  if (filter.status) parts.push(sql`d.status = ${filter.status}`);
  if (filter.platform) parts.push(sql`d.platform = ${filter.platform}`);
  if (filter.tag) parts.push(sql`d.tags @> array[${filter.tag}]::text[]`);
  if (filter.q) parts.push(sql`d.search_text like ${likePattern(filter.q)}`);
  return sql.join(parts, sql` and `);
}

/**
 * One page of the inventory, keyset-paginated on (sort key, id): each page, the first or one
 * after 90,000 devices, is one range of an index — never an OFFSET.
 */
export async function listDevices(
  db: Queryable,
  scope: DeviceScope,
  filter: DeviceFilter,
  limit: number,
  after: [string, string] | null,
): Promise<DeviceListRow[]> {
  const where = conditions(scope, filter);
  if (!where) return [];
  const { expr, key, cast } = sortExpressions[filter.sort];
  const direction = sql.raw(filter.order === 'desc' ? 'desc' : 'asc');
  const keyset = after
    ? sql`and (${expr}, d.id) ${sql.raw(filter.order === 'desc' ? '<' : '>')} (${after[0]}${cast}, ${after[1]}::uuid)`
    : sql``;
  const result = await db.execute<RawDevice>(sql`
    select d.id, d.account_id, d.company_id, c.name as company_name, d.name, d.hostname, d.platform, d.os, d.os_version,
      d.ip_addresses, d.agent_version, d.status, d.tags, d.notes, d.hardware, d.enrolled_at, d.last_seen_at, d.inventory_at,
      d.revoked_at, ${key} as sort_key
    from ${devices} d join ${companies} c on c.id = d.company_id
    where ${where} ${keyset}
    order by ${expr} ${direction}, d.id ${direction}
    limit ${limit}`);
  return result.rows.map(fromRaw);
}

/** How many devices match: its own request, asked once per filter rather than with every page. */
export async function countDevices(
  db: Queryable,
  scope: DeviceScope,
  filter: Omit<DeviceFilter, 'sort' | 'order'>,
): Promise<number> {
  const where = conditions(scope, filter);
  if (!where) return 0;
  const result = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${devices} d where ${where}`);
  return Number(result.rows[0]?.n ?? 0);
}

export async function findDevice(db: Queryable, accountId: string, id: string): Promise<DeviceListRow | null> {
  const result = await db.execute<RawDevice>(sql`
    select d.*, c.name as company_name, '' as sort_key
    from ${devices} d join ${companies} c on c.id = d.company_id
    where d.account_id = ${accountId} and d.id = ${id}`);
  return result.rows[0] ? fromRaw(result.rows[0]) : null;
}

export async function statusHistory(db: Queryable, accountId: string, deviceId: string, limit = 50) {
  return db
    .select({ status: deviceStatusChanges.status, at: deviceStatusChanges.at })
    .from(deviceStatusChanges)
    .where(and(eq(deviceStatusChanges.accountId, accountId), eq(deviceStatusChanges.deviceId, deviceId)))
    .orderBy(desc(deviceStatusChanges.at), desc(deviceStatusChanges.id))
    .limit(limit);
}

export async function updateDevice(
  db: Queryable,
  accountId: string,
  id: string,
  patch: { notes?: string; tags?: string[] },
): Promise<void> {
  await db
    .update(devices)
    .set(patch)
    .where(and(eq(devices.accountId, accountId), eq(devices.id, id)));
}

/** Revokes a device: its credential stops working on its next request; it no longer counts against the limit. */
export async function revokeDevice(db: Queryable, accountId: string, id: string): Promise<void> {
  await db
    .update(devices)
    .set({ revokedAt: sql`now()`, status: 'offline' })
    .where(and(eq(devices.accountId, accountId), eq(devices.id, id)));
}

// --- moves and clears -------------------------------------------------------------------------------

/** Devices of the account among `ids`, locked, with their company: what a move may carry. */
export async function lockDevices(db: Queryable, accountId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: devices.id, accountId: devices.accountId, companyId: devices.companyId, name: devices.name })
    .from(devices)
    .where(and(eq(devices.accountId, accountId), inArray(devices.id, [...ids])))
    .for('update');
}

/** Device ids of a company (for "move all of a company's devices"). */
export async function deviceIdsOfCompany(db: Queryable, accountId: string, companyId: string): Promise<string[]> {
  const rows = await db
    .select({ id: devices.id })
    .from(devices)
    .where(and(eq(devices.accountId, accountId), eq(devices.companyId, companyId)));
  return rows.map((r) => r.id);
}

export async function moveDevices(
  db: Queryable,
  accountId: string,
  ids: readonly string[],
  toCompanyId: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const moved = await db
    .update(devices)
    .set({ companyId: toCompanyId })
    .where(and(eq(devices.accountId, accountId), inArray(devices.id, [...ids])))
    .returning({ id: devices.id });
  return moved.length;
}

export async function countCompanyDevices(db: Queryable, accountId: string, companyId: string): Promise<number> {
  return oneRow(
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(devices)
      .where(and(eq(devices.accountId, accountId), eq(devices.companyId, companyId))),
    'count company devices',
  ).n;
}

export async function deleteCompanyDevices(db: Queryable, accountId: string, companyId: string): Promise<number> {
  const result = await db.execute(
    sql`delete from ${devices} where account_id = ${accountId} and company_id = ${companyId}`,
  );
  return result.rowCount ?? 0;
}

// --- who gains or loses sight of moved devices ------------------------------------------------------

/**
 * Users limited to some companies (administrators and "all companies" users see every device
 * and never gain or lose) who would lose sight of devices moving out of `sources` into
 * `target`, or gain sight of them: the first `limit` by name, and how many in all.
 */
export async function accessChanges(
  db: Queryable,
  accountId: string,
  sources: readonly string[],
  target: string,
  limit = 100,
) {
  const limited = sql`u.account_id = ${accountId} and u.role <> 'administrator' and not u.all_companies`;
  const has = (company: SQL) =>
    sql`exists (select 1 from user_companies uc where uc.user_id = u.id and uc.company_id = ${company})`;
  const lacksASource = sql`exists (select 1 from unnest(${uuidArray(sources)}) s(id) where not ${has(sql`s.id`)})`;
  const hasASource = sql`exists (select 1 from user_companies uc where uc.user_id = u.id and uc.company_id = any(${uuidArray(sources)}))`;
  const query = (condition: SQL) =>
    db.execute<{ id: string; name: string; email: string; total: number }>(sql`
      select u.id, u.name, u.email, count(*) over ()::int as total
      from users u where ${limited} and ${condition}
      order by lower(u.name), u.id limit ${limit}`);
  // one after the other: inside a transaction both run on the same connection
  const lose = await query(sql`${hasASource} and not ${has(sql`${target}::uuid`)}`);
  const gain = await query(sql`${has(sql`${target}::uuid`)} and ${lacksASource}`);
  const people = (rows: { id: string; name: string; email: string }[]) =>
    rows.map(({ id, name, email }) => ({ id, name, email }));
  return {
    lose: people(lose.rows),
    loseCount: Number(lose.rows[0]?.total ?? 0),
    gain: people(gain.rows),
    gainCount: Number(gain.rows[0]?.total ?? 0),
  };
}

/** Device credentials are stored as their SHA-256, like API tokens. */
export { sha256 as credentialHashOf } from '../../platform/crypto/secrets.js';

/** Devices that count against the device limit: enrolled and not revoked. */
export async function devicesInUse(db: Queryable, accountId: string): Promise<number> {
  const [row] = await db
    .select({ used: sql<number>`count(*)::int` })
    .from(devices)
    .where(and(eq(devices.accountId, accountId), isNull(devices.revokedAt)));
  return row?.used ?? 0;
}
