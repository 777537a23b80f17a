import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  finalScriptStatuses,
  scriptResultStatuses,
  shellPlatforms,
  type createScriptRunBody,
  type ScriptResult,
  type ScriptResultStatus,
  type ScriptRun,
} from '../../../shared/contracts/device-scripts.js';
import { authorize, hasCompanyAccess, type Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { decodeCursor, cursorPart, splitPage } from '../../platform/http/cursor.js';
import { fieldError, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { channels } from '../../platform/realtime/channels.js';
import { publish } from '../../platform/realtime/publish.js';
import { recordAudit } from '../audit/index.js';
import { requireSeat, seatsOf } from '../sessions/index.js';
import { loadSettings } from '../settings/index.js';
import * as repo from './repository.js';
import { requireScript } from './service.js';
import { z as zod } from 'zod';

/**
 * Runs a saved script on devices, as control does: `devices.control`, a Remote Support seat, every
 * device in the caller's companies (one outside them, of another account or missing answers 404 for
 * the whole run), a company script only on that company's devices (400). Control's consent rule
 * (`devices.remoteConsent`) applies per device: `allow` and `notify` run (a script has no screen to
 * notify on; the agent notes it in its log), `ask` cannot be asked of a script nobody watches, so
 * that device's part is `refused` (`consent_required`); a revoked device and one whose platform has
 * not the script's shell are refused too. The other parts are queued; when the run commits, the
 * processes holding their agents' sockets send them their part (`delivery.ts`).
 */
export async function createRun(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  scriptId: string,
  body: z.infer<typeof createScriptRunBody>,
): Promise<ScriptRun> {
  const script = await requireScript(db, actor, scriptId);
  authorize(actor, 'devices.control');
  requireSeat(await seatsOf(db, actor.userId, actor.accountId), 'run scripts on devices');
  const ids = [...new Set(body.deviceIds)];
  const found = new Map((await repo.devicesOf(db, actor.accountId, ids)).map((d) => [d.id, d]));
  const devices = ids.map((id) => {
    const device = found.get(id);
    if (!device || !hasCompanyAccess(actor, device.companyId)) throw notFound('This device');
    return device;
  });
  const foreign = devices.findIndex((d) => script.companyId !== null && d.companyId !== script.companyId);
  if (foreign >= 0)
    throw fieldError(`deviceIds.${foreign}`, 'not_applicable', "This script is for another company's devices.");
  const companyIds = [...new Set(devices.map((d) => d.companyId))];
  const settings = await loadSettings(db, actor.accountId, companyIds);
  const now = new Date();
  const run = await db.transaction(async (tx) => {
    const inserted = await repo.insertRun(tx, {
      accountId: actor.accountId,
      scriptId: script.id,
      scriptName: script.name,
      shell: script.shell,
      body: script.body,
      bodySha256: createHash('sha256').update(script.body, 'utf8').digest('hex'),
      timeoutSeconds: script.timeoutSeconds,
      companyIds,
      createdBy: actor.userId,
      createdByName: actor.name,
      createdAt: now,
      expiresAt: new Date(now.getTime() + body.waitMinutes * 60_000),
    });
    const results: repo.NewResultRow[] = devices.map((d) => {
      const reason = d.revokedAt
        ? 'revoked'
        : !shellPlatforms[script.shell].includes(d.platform)
          ? 'platform'
          : settings.get('devices.remoteConsent', d.companyId) === 'ask'
            ? 'consent_required'
            : null;
      return {
        runId: inserted.id,
        accountId: actor.accountId,
        deviceId: d.id,
        companyId: d.companyId,
        deviceName: d.name,
        status: reason ? 'refused' : 'queued',
        reason,
        finishedAt: reason ? now : null,
      };
    });
    await repo.insertResults(tx, results);
    await recordAudit(tx, ctx, {
      action: 'script.run',
      objectType: 'script_run',
      objectId: inserted.id,
      after: {
        scriptId: script.id,
        scriptName: script.name,
        shell: script.shell,
        bodySha256: inserted.bodySha256,
        devices: devices.length,
        companyIds,
        refused: results.filter((r) => r.status === 'refused').length,
      },
    });
    await publish(tx, channels.scriptRuns, { runId: inserted.id });
    return inserted;
  });
  return presentRun(run, await repo.countsOf(db, run.id));
}

function presentRun(run: repo.RunRow, counts: Map<ScriptResultStatus, number>): ScriptRun {
  const all = Object.fromEntries(scriptResultStatuses.map((s) => [s, counts.get(s) ?? 0])) as ScriptRun['counts'];
  const devices = Object.values(all).reduce((a, b) => a + b, 0);
  const done = finalScriptStatuses.reduce((n, s) => n + all[s], 0);
  return {
    id: run.id,
    scriptId: run.scriptId,
    scriptName: run.scriptName,
    shell: run.shell,
    timeoutSeconds: run.timeoutSeconds,
    createdBy: { id: run.createdBy, name: run.createdByName },
    createdAt: run.createdAt.toISOString(),
    expiresAt: run.expiresAt.toISOString(),
    devices,
    counts: all,
    finished: done === devices,
  };
}

/** A run the actor may read: of their account, every company of its devices in their access (404 otherwise). */
async function requireRun(db: Queryable, actor: Actor, id: string): Promise<repo.RunRow> {
  const run = await repo.findRun(db, actor.accountId, id);
  if (!run || !run.companyIds.every((c) => hasCompanyAccess(actor, c))) throw notFound('This script run');
  authorize(actor, 'devices.control');
  return run;
}

export async function getRun(db: Queryable, actor: Actor, id: string): Promise<ScriptRun> {
  const run = await requireRun(db, actor, id);
  return presentRun(run, await repo.countsOf(db, run.id));
}

const resultCursor = zod.tuple([cursorPart.text, cursorPart.id]);

export async function listResults(
  db: Queryable,
  actor: Actor,
  runId: string,
  query: { limit: number; cursor?: string; status?: ScriptResultStatus },
): Promise<{ items: ScriptResult[]; nextCursor: string | null }> {
  const run = await requireRun(db, actor, runId);
  const after = decodeCursor(query.cursor, resultCursor);
  const rows = await repo.pageResults(db, run.id, { status: query.status, after, limit: query.limit });
  const { page, nextCursor } = splitPage(rows, query.limit, (r) => [r.deviceName, r.id]);
  return { items: page.map(presentResult), nextCursor };
}

function presentResult(r: repo.ResultRow): ScriptResult {
  return {
    id: r.id,
    deviceId: r.deviceId,
    deviceName: r.deviceName,
    companyId: r.companyId,
    status: r.status,
    reason: r.reason,
    exitCode: r.exitCode,
    output: r.output,
    truncated: r.truncated,
    sentAt: r.sentAt?.toISOString() ?? null,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
