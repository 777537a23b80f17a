import { snapshotContentTypes, type Snapshot } from '../../../shared/contracts/sessions.js';
import { limits } from '../../../shared/limits.js';
import { roleCan } from '../../../shared/permissions.js';
import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import * as repo from './recording-repository.js';
import { isWatcher } from './repository.js';
import { requireRemoteSupportSeat, visibleSession } from './recording-service.js';
import { imageSize } from './snapshot-image.js';
import { recordSessionEvent } from './timeline.js';

type SnapshotType = (typeof snapshotContentTypes)[number];
const unsupported = (message: string) => new AppError('unsupported_media_type', message);

function present(sessionId: string, row: repo.SnapshotRow): Snapshot {
  return {
    id: row.id,
    takenAt: row.takenAt.toISOString(),
    takenBy: row.takenById && row.takenByName ? { id: row.takenById, name: row.takenByName } : null,
    contentType: row.contentType as SnapshotType,
    size: row.size,
    width: row.width,
    height: row.height,
    url: `/api/v1/sessions/${sessionId}/snapshots/${row.id}`,
  };
}

/**
 * A still of the customer's screen, kept with the session: taken by a technician watching it (its
 * owner or one invited), with a seat, while it runs; the image's own header must say what its
 * Content-Type says (its size is read from there).
 */
export async function takeSnapshot(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  declaredType: string,
  bytes: unknown,
): Promise<Snapshot> {
  const declared = (declaredType.split(';')[0] ?? '').trim().toLowerCase();
  if (!Buffer.isBuffer(bytes) || !(snapshotContentTypes as readonly string[]).includes(declared))
    throw unsupported('Send the snapshot as the request body with Content-Type image/png or image/jpeg.');
  const type = declared as SnapshotType;
  return db.transaction(async (tx) => {
    const session = await visibleSession(tx, actor, id, true);
    const watching = session.technicianId === actor.userId || (await isWatcher(tx, session.id, actor.userId));
    if (!roleCan(actor.role, 'sessions.run') || !watching)
      throw forbidden('Only the technicians watching this session take snapshots of it.');
    await requireRemoteSupportSeat(tx, actor, 'take a snapshot');
    if (session.status !== 'active' && session.status !== 'joined')
      throw conflict('This session is not running: no snapshot can be taken.');
    const size = imageSize(type, bytes);
    if (!size) throw unsupported(`This file is not a ${type === 'image/png' ? 'PNG' : 'JPEG'} image.`);
    if ((await repo.countSnapshots(tx, session.id)) >= limits.snapshotsPerSession)
      throw conflict(`A session keeps at most ${limits.snapshotsPerSession} snapshots.`);
    const snapshotId = await repo.insertSnapshot(tx, {
      sessionId: session.id,
      takenBy: actor.userId,
      contentType: type,
      data: bytes,
      ...size,
    });
    await recordSessionEvent(tx, {
      sessionId: session.id,
      type: 'snapshot',
      side: 'technician',
      actorId: actor.userId,
      data: { snapshotId },
    });
    await recordAudit(tx, ctx, {
      action: 'session.snapshot',
      objectType: 'session',
      objectId: session.id,
      after: { snapshotId, contentType: type, size: bytes.length, ...size },
    });
    const [row] = await repo.listSnapshots(tx, session.id, snapshotId);
    if (!row) throw new Error('snapshot vanished');
    return present(session.id, row);
  });
}

export async function listSessionSnapshots(db: Db, actor: Actor, id: string) {
  const session = await visibleSession(db, actor, id);
  return { items: (await repo.listSnapshots(db, session.id)).map((row) => present(session.id, row)) };
}

export async function getSnapshot(db: Db, actor: Actor, id: string, snapshotId: string) {
  const session = await visibleSession(db, actor, id);
  const snapshot = await repo.findSnapshot(db, session.id, snapshotId);
  if (!snapshot) throw notFound('This snapshot');
  return snapshot;
}
