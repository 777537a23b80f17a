import type { AgentScriptResult, ScriptResultStatus } from '../../../shared/contracts/device-scripts.js';
import { finalScriptStatuses } from '../../../shared/contracts/device-scripts.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { AppError, conflict, notFound } from '../../platform/http/app-error.js';
import { announceFinished } from './announce.js';
import type { AgentPartWriters } from './part-writers.js';
import * as repo from './repository.js';

async function agentDevice(db: Queryable, credentialHash: string): Promise<string> {
  const deviceId = await repo.agentDeviceId(db, credentialHash);
  if (!deviceId) throw new AppError('unauthenticated', 'This device credential is unknown or was revoked.');
  return deviceId;
}

/**
 * A report as PostgreSQL's integer keeps its exit code: Windows's unsigned 32-bit codes (0xC0000005
 * is 3221225477) as the signed value Windows tools also show (-1073741819).
 */
export function storedReport(report: AgentScriptResult): AgentScriptResult {
  return { ...report, exitCode: report.exitCode === null ? null : report.exitCode | 0 };
}

/**
 * The agent takes its part of a run: answered the script's text once (the part becomes `running`);
 * a part already taken, finished or past its run's wait answers 409, so a part never runs twice
 * (a grant sent again after a reconnection finds it taken). Another device's part answers 404.
 */
export async function startResult(
  db: Db,
  writers: AgentPartWriters,
  credentialHash: string,
  resultId: string,
): Promise<{ body: string }> {
  // the usual case, written with the takes arriving with it; anything else is looked at closely for its answer
  const taken = await writers.takes.write({ credentialHash, resultId });
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
  writers: AgentPartWriters,
  credentialHash: string,
  resultId: string,
  body: AgentScriptResult,
): Promise<{ status: ScriptResultStatus }> {
  const report = storedReport(body);
  // the usual case: stored and announced with the reports arriving with it
  const finished = await writers.reports.write({ credentialHash, resultId, ...report });
  if (finished) return { status: finished.status };
  const deviceId = await agentDevice(db, credentialHash);
  return db.transaction(async (tx) => {
    const row = await repo.resultForAgent(tx, deviceId, resultId);
    if (!row) throw notFound('This script run');
    const { result } = row;
    if (finalScriptStatuses.includes(result.status)) return { status: result.status };
    const now = new Date();
    await repo.updateResult(tx, result.id, {
      ...report,
      startedAt: result.startedAt ?? now,
      finishedAt: now,
    });
    await announceFinished(tx, [{ ...result, status: report.status }]);
    return { status: report.status };
  });
}
