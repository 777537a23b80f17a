import type { ConsentResult } from '../../../shared/agent-frames.js';
import type { IceServers } from '../../../shared/contracts/sessions.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError, notFound } from '../../platform/http/app-error.js';
import { recordAudit } from '../audit/index.js';
import {
  announceSession,
  findSessionById,
  iceServersOf,
  recordSessionEvent,
  recordSessionStarted,
  updateSession,
} from '../sessions/index.js';
import { agentContext, endDeviceSession } from './ending.js';
import { signGrant, type GrantDeps } from './grant-keys.js';
import { remotePolicyOf } from './policy.js';
import * as repo from './repository.js';

/** A credential unknown or revoked: 401, as the devices module's agent routes answer it. */
export const unknownDevice = () =>
  new AppError(
    'unauthenticated',
    'This device credential is not valid: the device was revoked or removed. Enrol it again with a data key.',
  );

/** How long after a restart was asked for the agent's return resumes the session. */
export const rebootResumeMs = 10 * 60_000;

const contextOf = (deviceId: string) => agentContext(`agent:${deviceId}`);

/**
 * A grant of a device session, as this device's agent must receive it: `open` (for `session.open`)
 * while the session waits for consent, `resume` (after a restart) or `relay` (a relay's `relayId`)
 * while it is active; null when the session is not this device's or not in that state any more
 * (nothing to send).
 */
export async function grantFor(
  deps: GrantDeps,
  deviceId: string,
  sessionId: string,
  purpose: 'open' | 'resume' | 'relay',
  relayId?: string,
): Promise<string | null> {
  const found = await repo.deviceSessionForGrant(deps.db, sessionId);
  const session = found?.session;
  if (!found || !session || session.deviceId !== deviceId || !session.mode) return null;
  if (session.status !== (purpose === 'open' ? 'waiting' : 'active')) return null;
  const policy = await remotePolicyOf(deps.db, session.accountId, session.companyId);
  return signGrant(deps, {
    purpose,
    sessionId,
    deviceId,
    accountId: session.accountId,
    mode: session.mode,
    technicianName: found.technicianName.slice(0, 200),
    companyName: found.companyName.slice(0, 200),
    consent: policy.consent,
    fileMaxBytes: session.mode === 'control' ? policy.fileMaxBytes : 0,
    ...(relayId ? { relayId } : {}),
  });
}

/** The device's open sessions when its agent says hello: those to follow, and the one to resume after a restart. */
export async function onAgentHello(db: Db, deviceId: string, now = new Date()) {
  const open = await repo.openSessionOfDevice(db, deviceId);
  const resume =
    open?.status === 'active' &&
    open.rebootRequestedAt !== null &&
    now.getTime() - open.rebootRequestedAt.getTime() <= rebootResumeMs;
  return { follow: open ? [open.id] : [], resume: resume ? open.id : null };
}

/**
 * The device's consent step answered: accepted → the session is `active` (timeline `consented`
 * with the consent mode, `session.started`); anything else → `ended` with outcome `refused`
 * (timeline `declined` with the result). Audited. A session not this device's, or no longer
 * waiting, is left as it is (false).
 */
export async function answerConsent(
  db: Db,
  device: repo.RemoteDevice,
  sessionId: string,
  result: ConsentResult,
): Promise<boolean> {
  const ctx = contextOf(device.id);
  return db.transaction(async (tx) => {
    const row = await findSessionById(tx, sessionId, { forUpdate: true });
    if (!row || row.kind !== 'device' || row.deviceId !== device.id || row.status !== 'waiting') return false;
    const { consent } = await remotePolicyOf(tx, row.accountId, row.companyId);
    if (result !== 'accepted') return endDeviceSession(tx, ctx, row, 'refused', { result, consent: consent.mode });
    const startedAt = new Date();
    await updateSession(tx, row.accountId, row.id, { status: 'active', startedAt });
    await recordSessionEvent(tx, {
      sessionId: row.id,
      type: 'consented',
      side: 'customer',
      data: { consent: consent.mode },
    });
    await recordSessionStarted(tx, { ...row, customerName: row.customerName ?? device.name });
    await recordAudit(tx, ctx, {
      accountId: row.accountId,
      action: 'session.device_consent',
      objectType: 'session',
      objectId: row.id,
      after: { status: 'active', result, consent: consent.mode, deviceId: device.id },
    });
    await announceSession(tx, { accountId: row.accountId, companyId: row.companyId, sessionId: row.id });
    return true;
  });
}

/**
 * The agent stopped a session itself: ended, outcome `unknown`. A restart the technician asked
 * for within the last ten minutes is not an end (the agent's return resumes the session).
 */
export async function agentEndedSession(
  db: Db,
  device: repo.RemoteDevice,
  sessionId: string,
  reason: 'ended_at_device' | 'agent_stopping' | 'rebooting',
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await findSessionById(tx, sessionId, { forUpdate: true });
    if (!row || row.kind !== 'device' || row.deviceId !== device.id) return false;
    const rebootPending =
      row.rebootRequestedAt !== null && Date.now() - row.rebootRequestedAt.getTime() <= rebootResumeMs;
    if (reason === 'rebooting' && rebootPending && row.status === 'active') return false;
    return endDeviceSession(tx, contextOf(device.id), row, 'unknown', { by: 'device', reason });
  });
}

/**
 * The ICE servers of the device's own active session, the portal's answer for it; any other
 * session (another device's, not active, missing) answers 404.
 */
export async function agentIceServers(
  db: Db,
  turnSecret: string | undefined,
  credentialHash: string,
  sessionId: string,
): Promise<IceServers> {
  const device = await repo.findAgentDevice(db, credentialHash);
  if (!device) throw unknownDevice();
  const row = await findSessionById(db, sessionId);
  if (!row || row.kind !== 'device' || row.deviceId !== device.id || row.status !== 'active')
    throw notFound('This session');
  return iceServersOf(db, row, turnSecret);
}
