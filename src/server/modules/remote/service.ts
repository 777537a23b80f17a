import type { z } from 'zod';
import type {
  DeviceRemote,
  DeviceSessionActionBody,
  openDeviceSessionBody,
} from '../../../shared/contracts/device-sessions.js';
import type { createdSessionSchema, SessionEventType } from '../../../shared/contracts/sessions.js';
import { roleCan } from '../../../shared/permissions.js';
import { requireScoped } from '../../platform/access.js';
import { authorize, type Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { AppError, conflict, unprocessableField } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import {
  announceSession,
  assertUnderLimit,
  findSessionById,
  getSession,
  insertSession,
  recordSessionEvent,
  requireSeat,
  seatsOf,
  updateSession,
} from '../sessions/index.js';
import { commandAgent } from './commands.js';
import { remotePolicyOf } from './policy.js';
import * as repo from './repository.js';

type CreatedSession = z.infer<typeof createdSessionSchema>;

async function visibleDevice(db: Queryable, actor: Actor, deviceId: string) {
  return requireScoped(actor, await repo.findDevice(db, actor.accountId, deviceId), undefined, 'This device');
}

/** Why a device cannot serve a session now, or null. */
async function unavailability(db: Queryable, device: repo.RemoteDevice) {
  const open = await repo.openSessionOfDevice(db, device.id);
  const connected = await repo.isConnected(db, device.id);
  const reason = device.revokedAt ? 'revoked' : !connected ? 'agent_offline' : open ? 'busy' : null;
  return { open, connected, reason } as const;
}

/** What applies before connecting to a device: its agent, the consent step, the file limit, the recording policy. */
export async function deviceRemote(db: Db, actor: Actor, deviceId: string): Promise<DeviceRemote> {
  const device = await visibleDevice(db, actor, deviceId);
  const [state, policy, seats] = [
    await unavailability(db, device),
    await remotePolicyOf(db, actor.accountId, device.companyId),
    await seatsOf(db, actor.userId, actor.accountId),
  ];
  const may =
    roleCan(actor.role, 'devices.control') && roleCan(actor.role, 'sessions.run') && seats.has('remoteSupport');
  return {
    deviceId: device.id,
    // a revoked device's agent may hold its socket until its next ping: it is not reachable any more
    connected: state.connected && !device.revokedAt,
    unavailable: state.reason,
    consent: policy.consent,
    fileMaxBytes: policy.fileMaxBytes,
    recording: policy.recording,
    openSessionId: state.open?.id ?? null,
    abilities: { view: may, control: may },
  };
}

/**
 * Opens a session on a device: a `device` session, `waiting` for the device's consent step, no code
 * and no chat; the recording follows `sessions.recording` as for attended sessions. Refused for a
 * revoked device, an agent not connected, a device already in a session, a technician at their
 * `sessions.maxPerTechnician` (409), without a seat (403).
 * When it commits, the agent's control socket, on whichever process holds it, gets `session.open`.
 */
export async function openDeviceSession(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  deviceId: string,
  body: z.infer<typeof openDeviceSessionBody>,
): Promise<CreatedSession> {
  const device = await visibleDevice(db, actor, deviceId);
  authorize(actor, 'devices.control');
  authorize(actor, 'sessions.run');
  requireSeat(await seatsOf(db, actor.userId, actor.accountId), 'open sessions on devices');
  if (device.revokedAt) throw conflict('This device was revoked: it cannot be reached.', { reason: 'revoked' });
  if (!(await repo.isConnected(db, device.id)))
    throw conflict("The device's agent is not connected: the device is off or cannot reach Tandem.", {
      reason: 'agent_offline',
    });
  const row = await db.transaction(async (tx) => {
    // a device session counts against sessions.maxPerTechnician as an attended one does
    await assertUnderLimit(tx, actor.accountId, actor.userId, 'You');
    const policy = await remotePolicyOf(tx, actor.accountId, device.companyId);
    const recorded =
      policy.recording === 'always' ? true : policy.recording === 'optional' ? (body.recorded ?? false) : false;
    // a device serves one open session: the partial unique index refuses a second, whoever comes first
    const inserted = await insertSession(tx, {
      accountId: actor.accountId,
      companyId: device.companyId,
      technicianId: actor.userId,
      createdBy: actor.userId,
      status: 'waiting',
      kind: 'device',
      deviceId: device.id,
      mode: body.mode,
      recordingPolicy: policy.recording,
      recorded,
    });
    if (!inserted) {
      const open = await repo.openSessionOfDevice(tx, device.id);
      throw conflict('A session is already open on this device.', { reason: 'busy', sessionId: open?.id ?? null });
    }
    const facts = { deviceId: device.id, mode: body.mode, consent: policy.consent.mode };
    await recordSessionEvent(tx, {
      sessionId: inserted.id,
      type: 'created',
      side: 'technician',
      actorId: actor.userId,
      data: { recordingPolicy: policy.recording, recorded, ...facts },
    });
    await recordAudit(tx, ctx, {
      action: 'session.device_open',
      objectType: 'session',
      objectId: inserted.id,
      after: {
        companyId: device.companyId,
        deviceName: device.name,
        recordingPolicy: policy.recording,
        recorded,
        ...facts,
      },
    });
    await announceSession(tx, { accountId: actor.accountId, companyId: device.companyId, sessionId: inserted.id });
    await commandAgent(tx, { deviceId: device.id, sessionId: inserted.id, purpose: 'open' });
    return inserted;
  });
  const { timeline: _timeline, ...session } = await getSession(db, actor, row.id);
  return { ...session, code: null, joinUrl: null, expiresAt: null, recording: row.recordingPolicy };
}

const actionEvents: Record<DeviceSessionActionBody['action'], SessionEventType> = {
  file_to_device: 'file_to_device',
  file_from_device: 'file_from_device',
  reboot: 'reboot_requested',
  terminal_open: 'terminal_opened',
  terminal_close: 'terminal_closed',
};

/**
 * What the session's technician is about to do through the session channel (a file either way, a
 * restart), told first: only the owner of an active `control` device session; a file over the
 * company's `sessions.fileTransferMaxMb` answers 422 (`too_large` on `size`). Audited with the name
 * and size, on the timeline; a restart notes when it was asked for, so the agent's return resumes.
 */
export async function recordDeviceAction(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  sessionId: string,
  body: DeviceSessionActionBody,
): Promise<{ recordedAt: string }> {
  return db.transaction(async (tx) => {
    const row = requireScoped(
      actor,
      await findSessionById(tx, sessionId, { forUpdate: true }),
      undefined,
      'This session',
    );
    authorize(actor, 'devices.control');
    if (row.kind !== 'device' || !row.deviceId)
      throw conflict('Only a device session takes these actions.', { reason: 'not_device_session' });
    if (row.technicianId !== actor.userId)
      throw new AppError('forbidden', "Only the session's technician can act on the device.");
    if (row.status !== 'active')
      throw conflict('The session is not active.', { reason: 'session_not_active', status: row.status });
    if (row.mode !== 'control') throw conflict('This session only views the device.', { reason: 'view_only' });
    const now = new Date();
    let facts: Record<string, unknown> = {};
    if (body.action === 'reboot') {
      await updateSession(tx, row.accountId, row.id, { rebootRequestedAt: now });
    } else if (body.action === 'terminal_close') {
      if (body.exitCode !== undefined) facts = { exitCode: body.exitCode };
    } else if (body.action !== 'terminal_open') {
      const { fileMaxBytes } = await remotePolicyOf(tx, row.accountId, row.companyId);
      if (body.size > fileMaxBytes)
        throw unprocessableField(
          'size',
          { code: 'too_large', params: { maxBytes: fileMaxBytes } },
          `The file is larger than this company's limit of ${fileMaxBytes} bytes.`,
        );
      facts = { name: body.name, size: body.size, ...(body.sha256 ? { sha256: body.sha256 } : {}) };
    }
    await recordSessionEvent(tx, {
      sessionId: row.id,
      type: actionEvents[body.action],
      side: 'technician',
      actorId: actor.userId,
      data: facts,
    });
    await recordAudit(tx, ctx, {
      action: `session.device_${body.action}`,
      objectType: 'session',
      objectId: row.id,
      after: { action: body.action, deviceId: row.deviceId, ...facts },
    });
    await announceSession(tx, { accountId: row.accountId, companyId: row.companyId, sessionId: row.id });
    return { recordedAt: now.toISOString() };
  });
}
