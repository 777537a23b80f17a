import type { AgentScriptResult, ScriptResultStatus } from '../../../shared/contracts/device-scripts.js';
import { finalScriptStatuses } from '../../../shared/contracts/device-scripts.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { recordEvents } from '../../platform/events/record.js';
import { AppError, conflict, notFound } from '../../platform/http/app-error.js';
import * as repo from './repository.js';

async function agentDevice(db: Queryable, credentialHash: string): Promise<string> {
  const deviceId = await repo.agentDeviceId(db, credentialHash);
  if (!deviceId) throw new AppError('unauthenticated', 'This device credential is unknown or was revoked.');
  return deviceId;
}

/**
 * The agent takes its part of a run: answered the script's text once (the part becomes `running`);
 * a part already taken, finished or past its run's wait answers 409, so a part never runs twice
 * (a grant sent again after a reconnection finds it taken). Another device's part answers 404.
 */
export async function startResult(db: Db, credentialHash: string, resultId: string): Promise<{ body: string }> {
  // the usual case in one statement; anything else is looked at closely for its answer
  const taken = await repo.takeForAgent(db, credentialHash, resultId);
  if (taken !== null) return { body: taken };
  const deviceId = await agentDevice(db, credentialHash);
  return db.transaction(async (tx) => {
    const row = await repo.resultForAgent(tx, deviceId, resultId);
    if (!row) throw notFound('This script run');
    const { result } = row;
    if (result.status !== 'queued' && result.status !== 'sent')
      throw conflict(`This part of the run was taken already or is over (${result.status}).`, { reason: 'closed' });
    if (row.expiresAt <= new Date()) throw conflict("This run's wait is over.", { reason: 'closed' });
    const now = new Date();
    await repo.updateResult(tx, result.id, { status: 'running', startedAt: now, sentAt: result.sentAt ?? now });
    return { body: row.body };
  });
}

/**
 * The agent's report of its part: stored once; the same report again (a retry after a lost answer)
 * changes nothing and answers the status stored. A part already given up (`unreachable`) keeps that
 * status. The finished part is announced to consoles (`script.result`).
 */
export async function reportResult(
  db: Db,
  credentialHash: string,
  resultId: string,
  body: AgentScriptResult,
): Promise<{ status: ScriptResultStatus }> {
  // the usual case: stored and announced in one transaction of two statements
  const stored = await db.transaction(async (tx) => {
    const part = await repo.finishForAgent(tx, credentialHash, resultId, body);
    if (part)
      await announceFinished(tx, [
        {
          id: part.id,
          runId: part.run_id,
          accountId: part.account_id,
          companyId: part.company_id,
          deviceId: part.device_id,
          status: body.status,
        },
      ]);
    return part !== null;
  });
  if (stored) return { status: body.status };
  const deviceId = await agentDevice(db, credentialHash);
  return db.transaction(async (tx) => {
    const row = await repo.resultForAgent(tx, deviceId, resultId);
    if (!row) throw notFound('This script run');
    const { result } = row;
    if (finalScriptStatuses.includes(result.status)) return { status: result.status };
    const now = new Date();
    await repo.updateResult(tx, result.id, {
      status: body.status,
      exitCode: body.exitCode,
      output: body.output,
      truncated: body.truncated,
      startedAt: result.startedAt ?? now,
      finishedAt: now,
    });
    await announceFinished(tx, [{ ...result, status: body.status }]);
    return { status: body.status };
  });
}

/** One `script.result` event per finished part: open consoles update the run's page. */
export async function announceFinished(
  tx: Queryable,
  parts: readonly {
    id: string;
    runId: string;
    accountId: string;
    companyId: string;
    deviceId: string;
    status: string;
  }[],
): Promise<void> {
  await recordEvents(
    tx,
    parts.map((p) => ({
      accountId: p.accountId,
      companyId: p.companyId,
      type: 'script.result',
      subjectId: p.runId,
      payload: { runId: p.runId, resultId: p.id, deviceId: p.deviceId, status: p.status },
    })),
  );
}
