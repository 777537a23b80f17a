import type { Db } from '../../platform/db/pool.js';
import { every, type Every, type EveryLog } from '../../platform/jobs/every.js';
import { findSessionById, openStatuses } from '../sessions/index.js';
import { rebootResumeMs } from './agent-service.js';
import { agentContext, endDeviceSession } from './ending.js';
import { remotePolicyOf } from './policy.js';
import * as repo from './repository.js';

/** Beyond the consent step's own seconds, how long a waiting session is given (the agent's delays). */
export const consentGraceMs = 30_000;
/** How long an active session's agent may be gone before the session ends. */
export const agentGoneMs = 2 * 60_000;
const perRun = 200;
const minimumConsentMs = 5_000;

/**
 * One run of the device-sessions sweep, in any process (each session is ended once: the end is a
 * conditional update): a session still waiting `devices.remoteConsentSeconds` + 30 s after it was
 * opened ends `refused` (no answer came); an active one whose agent has been disconnected more than
 * two minutes, with no restart asked for in the last ten, ends (outcome `unknown`); so does an open
 * one whose device was revoked or removed meanwhile.
 */
export async function sweepDeviceSessions(
  db: Db,
  now = new Date(),
): Promise<{ refused: number; abandoned: number; revoked: number }> {
  const ctx = agentContext('device sessions sweep');
  let refused = 0;
  const waiting = await repo.waitingDeviceSessions(
    db,
    new Date(now.getTime() - consentGraceMs - minimumConsentMs),
    perRun,
  );
  for (const row of waiting) {
    const { consent } = await remotePolicyOf(db, row.accountId, row.companyId);
    if (row.createdAt.getTime() + consent.seconds * 1000 + consentGraceMs > now.getTime()) continue;
    const ended = await db.transaction(async (tx) => {
      const current = await findSessionById(tx, row.id, { forUpdate: true });
      if (current?.status !== 'waiting') return false;
      return endDeviceSession(tx, ctx, current, 'refused', { result: 'no_answer', consent: consent.mode });
    });
    if (ended) refused++;
  }
  let abandoned = 0;
  const gone = await repo.abandonedDeviceSessions(
    db,
    new Date(now.getTime() - agentGoneMs),
    new Date(now.getTime() - rebootResumeMs),
    perRun,
  );
  for (const row of gone) {
    const ended = await db.transaction(async (tx) => {
      const current = await findSessionById(tx, row.id, { forUpdate: true });
      if (current?.status !== 'active') return false;
      return endDeviceSession(tx, ctx, current, 'unknown', { by: 'system', reason: 'agent_gone' });
    });
    if (ended) abandoned++;
  }
  let revoked = 0;
  for (const row of await repo.revokedDeviceSessions(db, perRun)) {
    const ended = await db.transaction(async (tx) => {
      const current = await findSessionById(tx, row.id, { forUpdate: true });
      if (!current || !(openStatuses as readonly string[]).includes(current.status)) return false;
      return endDeviceSession(tx, ctx, current, 'unknown', { by: 'system', reason: 'device_revoked' });
    });
    if (ended) revoked++;
  }
  return { refused, abandoned, revoked };
}

/** The sweep every `everyMs` (never twice at once in a process). */
export function startRemoteSweep({ db, log, everyMs = 15_000 }: { db: Db; log: EveryLog; everyMs?: number }): Every {
  return every(everyMs, () => sweepDeviceSessions(db), { name: 'device sessions sweep', log });
}
