import type { Session, SessionDetail } from '../../../shared/contracts/sessions.js';
import type { Module } from '../../../shared/licence.js';
import { roleCan } from '../../../shared/permissions.js';
import type { Actor } from '../../platform/authz.js';
import type { SessionEventRow, SessionListRow } from './repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const open = (status: Session['status']) => status === 'waiting' || status === 'joined' || status === 'active';

/** Seconds from the customer's consent to the end, or to `now` while the session goes on. */
export function durationOf(row: Pick<SessionListRow, 'startedAt' | 'endedAt'>, now = new Date()): number | null {
  if (!row.startedAt) return null;
  return Math.max(0, Math.floor(((row.endedAt ?? now).getTime() - row.startedAt.getTime()) / 1000));
}

/**
 * What the actor may do with a session, computed here once so the console never re-implements it:
 * watch (the owner or an invited watcher, with a Remote Support seat, while a customer is there),
 * end (the owner or an administrator), invite and transfer (the same, with a seat), watch the
 * recording (`recordings.watch`, or `recordings.watchOwn` for the session's technician).
 */
export function abilitiesOf(row: SessionListRow, actor: Actor, seats: ReadonlySet<Module>): Session['abilities'] {
  const runs = roleCan(actor.role, 'sessions.run');
  const seated = runs && seats.has('remoteSupport');
  const owner = row.technicianId === actor.userId;
  const watcher = row.watchers.some((w) => w.id === actor.userId);
  const administrator = actor.role === 'administrator';
  const isOpen = open(row.status);
  return {
    watch: seated && (owner || watcher) && (row.status === 'joined' || row.status === 'active'),
    end: runs && isOpen && (owner || administrator),
    invite: seated && isOpen && (owner || administrator),
    transfer: seated && isOpen && (owner || administrator),
    watchRecording:
      row.hasRecording &&
      (roleCan(actor.role, 'recordings.watch') || (roleCan(actor.role, 'recordings.watchOwn') && owner)),
  };
}

export function presentSession(
  row: SessionListRow,
  actor: Actor,
  seats: ReadonlySet<Module>,
  now = new Date(),
): Session {
  return {
    id: row.id,
    companyId: row.companyId,
    companyName: row.companyName,
    status: row.status,
    kind: row.kind,
    device: row.deviceId ? { id: row.deviceId, name: row.deviceName ?? '' } : null,
    mode: row.mode,
    technician: { id: row.technicianId, name: row.technicianName },
    watchers: row.watchers,
    requestId: row.requestId,
    customerName: row.customerName,
    recordingPolicy: row.recordingPolicy,
    recorded: row.recorded,
    hasRecording: row.hasRecording,
    outcome: row.outcome,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    joinedAt: iso(row.joinedAt),
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    durationSeconds: durationOf(row, now),
    abilities: abilitiesOf(row, actor, seats),
  };
}

export function presentSessionDetail(
  row: SessionListRow,
  timeline: readonly SessionEventRow[],
  actor: Actor,
  seats: ReadonlySet<Module>,
): SessionDetail {
  return {
    ...presentSession(row, actor, seats),
    timeline: timeline.map((e) => ({
      id: String(e.id),
      type: e.type,
      side: e.side,
      actor: e.actorId ? { id: e.actorId, name: e.actorName ?? '' } : null,
      data: e.data,
      at: e.at.toISOString(),
    })),
  };
}
