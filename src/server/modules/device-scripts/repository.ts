import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { ScriptResultStatus } from '../../../shared/contracts/device-scripts.js';
import type pg from 'pg';
import type { Queryable } from '../../platform/db/pool.js';
import { queryPrepared } from '../../platform/db/prepared.js';
import { recordEventsSql } from '../../platform/events/record.js';
import { companies } from '../companies/tables.js';
import { devices } from '../devices/tables.js';
import { deviceScripts, scriptRunResults, scriptRuns } from './tables.js';

export type ScriptRow = typeof deviceScripts.$inferSelect & { companyName: string | null };
export type RunRow = typeof scriptRuns.$inferSelect;
export type ResultRow = typeof scriptRunResults.$inferSelect;
export type NewResultRow = Pick<
  ResultRow,
  'runId' | 'accountId' | 'deviceId' | 'companyId' | 'deviceName' | 'status' | 'reason' | 'finishedAt'
>;

const scriptColumns = {
  id: deviceScripts.id,
  accountId: deviceScripts.accountId,
  companyId: deviceScripts.companyId,
  name: deviceScripts.name,
  shell: deviceScripts.shell,
  body: deviceScripts.body,
  timeoutSeconds: deviceScripts.timeoutSeconds,
  createdAt: deviceScripts.createdAt,
  updatedAt: deviceScripts.updatedAt,
  companyName: companies.name,
};

/** The account's scripts and those of the given companies (`null`: all of the account's), by name. */
export async function listScripts(
  db: Queryable,
  accountId: string,
  companyIds: readonly string[] | null,
): Promise<ScriptRow[]> {
  const scope: SQL | undefined =
    companyIds === null
      ? undefined
      : or(
          isNull(deviceScripts.companyId),
          companyIds.length ? inArray(deviceScripts.companyId, [...companyIds]) : sql`false`,
        );
  return db
    .select(scriptColumns)
    .from(deviceScripts)
    .leftJoin(companies, eq(companies.id, deviceScripts.companyId))
    .where(and(eq(deviceScripts.accountId, accountId), scope))
    .orderBy(sql`lower(${deviceScripts.name})`, deviceScripts.id);
}

export async function findScript(
  db: Queryable,
  accountId: string,
  id: string,
  { forUpdate = false } = {},
): Promise<ScriptRow | null> {
  const query = db
    .select(scriptColumns)
    .from(deviceScripts)
    .leftJoin(companies, eq(companies.id, deviceScripts.companyId))
    .where(and(eq(deviceScripts.accountId, accountId), eq(deviceScripts.id, id)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update', { of: deviceScripts }) : await query;
  return row ?? null;
}

export async function insertScript(db: Queryable, values: typeof deviceScripts.$inferInsert) {
  const [row] = await db.insert(deviceScripts).values(values).returning();
  return row!;
}

export async function updateScript(
  db: Queryable,
  id: string,
  patch: Partial<Pick<typeof deviceScripts.$inferInsert, 'name' | 'shell' | 'body' | 'timeoutSeconds'>>,
) {
  const [row] = await db
    .update(deviceScripts)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(deviceScripts.id, id))
    .returning();
  return row!;
}

export async function deleteScript(db: Queryable, id: string): Promise<void> {
  await db.delete(deviceScripts).where(eq(deviceScripts.id, id));
}

export interface RunDevice {
  id: string;
  companyId: string;
  name: string;
  platform: string;
  revokedAt: Date | null;
}

/** The account's devices among `ids` (those of another account or missing are simply absent). */
export async function devicesOf(db: Queryable, accountId: string, ids: readonly string[]): Promise<RunDevice[]> {
  return db
    .select({
      id: devices.id,
      companyId: devices.companyId,
      name: devices.name,
      platform: devices.platform,
      revokedAt: devices.revokedAt,
    })
    .from(devices)
    .where(and(eq(devices.accountId, accountId), sql`${devices.id} = any(${sql.param([...ids])}::uuid[])`));
}

export async function insertRun(db: Queryable, values: typeof scriptRuns.$inferInsert): Promise<RunRow> {
  const [row] = await db.insert(scriptRuns).values(values).returning();
  return row!;
}

/** A run's parts in one statement whatever their number (one array per column, not a parameter per value). */
export async function insertResults(db: Queryable, rows: readonly NewResultRow[]): Promise<void> {
  if (!rows.length) return;
  const column = <T>(pick: (r: NewResultRow) => T) => sql.param(rows.map(pick));
  await db.execute(sql`
    insert into ${scriptRunResults} (run_id, account_id, device_id, company_id, device_name, status, reason, finished_at)
    select * from unnest(${column((r) => r.runId)}::uuid[], ${column((r) => r.accountId)}::uuid[],
      ${column((r) => r.deviceId)}::uuid[], ${column((r) => r.companyId)}::uuid[], ${column((r) => r.deviceName)}::text[],
      ${column((r) => r.status)}::text[], ${column((r) => r.reason)}::text[],
      ${column((r) => r.finishedAt?.toISOString() ?? null)}::timestamptz[])`);
}

export async function findRun(db: Queryable, accountId: string, id: string): Promise<RunRow | null> {
  const [row] = await db
    .select()
    .from(scriptRuns)
    .where(and(eq(scriptRuns.accountId, accountId), eq(scriptRuns.id, id)))
    .limit(1);
  return row ?? null;
}

export async function countsOf(db: Queryable, runId: string): Promise<Map<ScriptResultStatus, number>> {
  const rows = await db
    .select({ status: scriptRunResults.status, n: sql<number>`count(*)::int` })
    .from(scriptRunResults)
    .where(eq(scriptRunResults.runId, runId))
    .groupBy(scriptRunResults.status);
  return new Map(rows.map((r) => [r.status, r.n]));
}

/** A page of a run's results by device name then id, after `after`, `status` only if given. */
export async function pageResults(
  db: Queryable,
  runId: string,
  options: { status?: ScriptResultStatus; after: readonly [string, string] | null; limit: number },
): Promise<ResultRow[]> {
  return db
    .select()
    .from(scriptRunResults)
    .where(
      and(
        eq(scriptRunResults.runId, runId),
        options.status ? eq(scriptRunResults.status, options.status) : undefined,
        options.after
          ? sql`(${scriptRunResults.deviceName}, ${scriptRunResults.id}) > (${options.after[0]}, ${options.after[1]})`
          : undefined,
      ),
    )
    .orderBy(asc(scriptRunResults.deviceName), asc(scriptRunResults.id))
    .limit(options.limit + 1);
}

export interface Deliverable {
  resultId: string;
  runId: string;
  deviceId: string;
  accountId: string;
  shell: RunRow['shell'];
  timeoutSeconds: number;
  bodySha256: string;
}

const deliverableColumns = {
  resultId: scriptRunResults.id,
  runId: scriptRuns.id,
  deviceId: scriptRunResults.deviceId,
  accountId: scriptRuns.accountId,
  shell: scriptRuns.shell,
  timeoutSeconds: scriptRuns.timeoutSeconds,
  bodySha256: scriptRuns.bodySha256,
};

/** A run's parts still waiting for their agent (`queued`), within the run's wait. */
export async function queuedOfRun(db: Queryable, runId: string): Promise<Deliverable[]> {
  return db
    .select(deliverableColumns)
    .from(scriptRunResults)
    .innerJoin(scriptRuns, eq(scriptRuns.id, scriptRunResults.runId))
    .where(
      and(
        eq(scriptRunResults.runId, runId),
        eq(scriptRunResults.status, 'queued'),
        sql`${scriptRuns.expiresAt} > now()`,
      ),
    );
}

/** A device's parts not yet taken (`queued`, or `sent` to a socket that went away), within their run's wait. */
export async function pendingOfDevice(db: Queryable, deviceId: string): Promise<Deliverable[]> {
  return db
    .select(deliverableColumns)
    .from(scriptRunResults)
    .innerJoin(scriptRuns, eq(scriptRuns.id, scriptRunResults.runId))
    .where(
      and(
        eq(scriptRunResults.deviceId, deviceId),
        inArray(scriptRunResults.status, ['queued', 'sent']),
        sql`${scriptRuns.expiresAt} > now()`,
      ),
    );
}

/** Marks parts sent (only those still queued). */
export async function markSent(db: Queryable, resultIds: readonly string[], now: Date): Promise<void> {
  if (!resultIds.length) return;
  await db
    .update(scriptRunResults)
    .set({ status: 'sent', sentAt: now })
    .where(
      and(
        sql`${scriptRunResults.id} = any(${sql.param([...resultIds])}::uuid[])`,
        eq(scriptRunResults.status, 'queued'),
      ),
    );
}

/** The device's agent, by its credential hash (null for an unknown or revoked credential). */
export async function agentDeviceId(db: Queryable, credentialHash: string): Promise<string | null> {
  const [row] = await db
    .select({ id: devices.id })
    .from(devices)
    .where(and(eq(devices.credentialHash, credentialHash), isNull(devices.revokedAt)))
    .limit(1);
  return row?.id ?? null;
}

/** A part of this device's, locked, with its run's text and wait. */
export async function resultForAgent(db: Queryable, deviceId: string, resultId: string) {
  const [row] = await db
    .select({
      result: scriptRunResults,
      body: scriptRuns.body,
      expiresAt: scriptRuns.expiresAt,
    })
    .from(scriptRunResults)
    .innerJoin(scriptRuns, eq(scriptRuns.id, scriptRunResults.runId))
    .where(and(eq(scriptRunResults.id, resultId), eq(scriptRunResults.deviceId, deviceId)))
    .limit(1)
    .for('update', { of: scriptRunResults });
  return row ?? null;
}

export async function updateResult(
  db: Queryable,
  id: string,
  patch: Partial<Omit<typeof scriptRunResults.$inferInsert, 'id' | 'runId' | 'accountId' | 'deviceId'>>,
): Promise<void> {
  await db.update(scriptRunResults).set(patch).where(eq(scriptRunResults.id, id));
}

/**
 * Parts nobody will report any more, made `unreachable`: not taken before their run's wait ended,
 * or taken and not reported within the script's timeout and two minutes more. Returns them.
 */
export async function expireResults(db: Queryable, now: Date) {
  return db.execute<{ id: string; run_id: string; account_id: string; company_id: string; device_id: string }>(sql`
    update script_run_results r set status = 'unreachable', finished_at = ${now}
    from script_runs s
    where s.id = r.run_id and (
      (r.status in ('queued', 'sent') and s.expires_at <= ${now})
      or (r.status = 'running' and r.started_at + make_interval(secs => s.timeout_seconds + 120) <= ${now})
    )
    returning r.id, r.run_id, r.account_id, r.company_id, r.device_id`);
}

export interface AgentPart {
  credentialHash: string;
  resultId: string;
}

export interface AgentReport extends AgentPart {
  status: ScriptResultStatus;
  exitCode: number | null;
  output: string;
  truncated: boolean;
}

/** A part finished by its agent's report, as its `script.result` event needs it. */
export interface FinishedPart {
  id: string;
  runId: string;
  accountId: string;
  companyId: string;
  deviceId: string;
  status: ScriptResultStatus;
}

/*
 * The grouped statements below find their parts by primary key (`r.id = any(…)`, beside the join
 * that pairs each part with its credential): without it the planner may read every open part of
 * every run through the status index, which during a large run is most of them.
 */

/**
 * Agents take their parts, in one statement, where they may (their device's, queued or sent, the
 * run's wait not over): `running`, and each run's text answered by result id; a part missing from
 * the answer was not taken (the caller finds out why). No two of `parts` may name one result.
 */
export async function takeForAgents(pool: pg.Pool, parts: readonly AgentPart[]): Promise<Map<string, string>> {
  const rows = await queryPrepared<{ id: string; body: string }>(
    pool,
    'script_parts_take',
    sql`
    update script_run_results r set status = 'running', started_at = now(), sent_at = coalesce(r.sent_at, now())
    from script_runs s, devices d,
      unnest(${sql.param(parts.map((p) => p.resultId))}::uuid[], ${sql.param(parts.map((p) => p.credentialHash))}::text[])
        as w(result_id, credential_hash)
    where r.id = any(${sql.param(parts.map((p) => p.resultId))}::uuid[]) and r.id = w.result_id
      and s.id = r.run_id and r.status in ('queued', 'sent') and s.expires_at > now()
      and d.credential_hash = w.credential_hash and d.revoked_at is null and r.device_id = d.id
    returning r.id, s.body`,
  );
  return new Map(rows.map((r) => [r.id, r.body]));
}

/**
 * Agents' reports stored in one statement where their part is still open (their device's, queued,
 * sent or running), each finished part's `script.result` event recorded and announced by the same
 * statement; the parts finished, by result id. No two of `reports` may name one result.
 */
export async function finishForAgents(
  pool: pg.Pool,
  reports: readonly AgentReport[],
): Promise<Map<string, FinishedPart>> {
  const column = <T>(pick: (r: AgentReport) => T) => sql.param(reports.map(pick));
  const event = sql`select account_id, company_id, 'script.result', run_id,
    jsonb_build_object('runId', run_id, 'resultId', id, 'deviceId', device_id, 'status', status) from finished`;
  const rows = await queryPrepared<{
    id: string;
    run_id: string;
    account_id: string;
    company_id: string;
    device_id: string;
    status: ScriptResultStatus;
  }>(
    pool,
    'script_parts_finish',
    sql`
    with finished as (
      update script_run_results r set status = w.status, exit_code = w.exit_code, output = w.output,
        truncated = w.truncated, started_at = coalesce(r.started_at, now()), finished_at = now()
      from devices d,
        unnest(${column((r) => r.resultId)}::uuid[], ${column((r) => r.credentialHash)}::text[],
          ${column((r) => r.status)}::text[], ${column((r) => r.exitCode)}::int[], ${column((r) => r.output)}::text[],
          ${column((r) => r.truncated)}::boolean[])
          as w(result_id, credential_hash, status, exit_code, output, truncated)
      where r.id = any(${column((r) => r.resultId)}::uuid[]) and r.id = w.result_id
        and r.status in ('queued', 'sent', 'running')
        and d.credential_hash = w.credential_hash and d.revoked_at is null and r.device_id = d.id
      returning r.id, r.run_id, r.account_id, r.company_id, r.device_id, r.status
    ), ${recordEventsSql(event)}
    select f.*, (select count(*) from announced_events) as announced from finished f`,
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        runId: r.run_id,
        accountId: r.account_id,
        companyId: r.company_id,
        deviceId: r.device_id,
        status: r.status,
      },
    ]),
  );
}
