import type { z } from 'zod';
import type { Presence, updatePresenceBody } from '../../../shared/contracts/support-requests.js';
import { roleCan } from '../../../shared/permissions.js';
import { authorize, type Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import type { LiveConnection, LiveRegistry } from '../../platform/realtime/live-registry.js';
import { notFound } from '../../platform/http/app-error.js';
import { requireCompany } from '../companies/index.js';
import { announcePresence } from './announce.js';
import * as repo from './repository.js';

/** How long an open live socket keeps a technician online without renewal (renewed every upkeep, 25 s). */
export const onlineTtlMs = 70_000;
/** After the last socket closes, how long a technician still counts as online (a reload, a short drop). */
export const presenceGraceMs = 30_000;

export function presentPresence(row: repo.PresenceRow, now: Date): Presence {
  const online = row.onlineUntil !== null && row.onlineUntil > now;
  return {
    userId: row.userId,
    name: row.name,
    status: row.status,
    capacity: row.capacity,
    activeChats: row.activeChats,
    online,
    hasSeat: row.hasSeat,
    available: online && row.status === 'available' && row.hasSeat && row.activeChats < row.capacity,
  };
}

export async function myPresence(db: Queryable, actor: Actor, now = new Date()): Promise<Presence> {
  const [row] = await repo.presenceOf(db, actor.accountId, { userIds: [actor.userId] });
  if (!row) throw notFound('Your presence');
  return presentPresence(row, now);
}

export async function updateMyPresence(
  db: Db,
  actor: Actor,
  patch: z.infer<typeof updatePresenceBody>,
): Promise<Presence> {
  authorize(actor, 'requests.answer');
  await db.transaction(async (tx) => {
    await repo.upsertPresence(tx, actor.accountId, actor.userId, patch);
    await announcePresence(tx, { accountId: actor.accountId, userId: actor.userId });
  });
  return myPresence(db, actor);
}

/** Technicians who can work on a company's chats, with their presence: transfer targets. */
export async function listPresence(
  db: Queryable,
  actor: Actor,
  companyId: string,
  now = new Date(),
): Promise<Presence[]> {
  await requireCompany(db, actor, companyId);
  return (await repo.presenceOf(db, actor.accountId, { companyId })).map((row) => presentPresence(row, now));
}

const worksChats = (connection: LiveConnection) => roleCan(connection.actor.role, 'requests.answer');

/**
 * Keeps presence in step with the console live sockets of this process: online while one is
 * open (renewed at every upkeep), unavailable a grace period after the last one closes — which
 * is also what signing out does: the live socket closes the signed-out session's sockets at once
 * (in the process that signed out; the others at their next credential check). Every change is
 * announced on `tandem_presence`, so waiting customers' estimates follow.
 */
export function trackPresence(
  live: LiveRegistry,
  db: Db,
  log: { warn(obj: object, msg: string): void },
  clock: () => Date = () => new Date(),
): void {
  const until = (ms: number) => new Date(clock().getTime() + ms);
  live.onOpen(async (connection) => {
    if (!worksChats(connection)) return;
    const { accountId, userId } = connection.actor;
    await repo.markOnline(db, accountId, [userId], until(onlineTtlMs));
    await announcePresence(db, { accountId, userId });
  });
  live.onClose(async (connection) => {
    if (!worksChats(connection)) return;
    const { accountId, userId } = connection.actor;
    for (const _other of live.connectionsOfUser(accountId, userId)) return;
    await repo.markLeaving(db, accountId, userId, until(presenceGraceMs));
    await announcePresence(db, { accountId, userId });
  });
  live.onUpkeep(async () => {
    const byAccount = new Map<string, Set<string>>();
    for (const connection of live.all()) {
      if (!worksChats(connection)) continue;
      const set = byAccount.get(connection.actor.accountId) ?? new Set<string>();
      set.add(connection.actor.userId);
      byAccount.set(connection.actor.accountId, set);
    }
    for (const [accountId, userIds] of byAccount) {
      await repo
        .markOnline(db, accountId, [...userIds], until(onlineTtlMs))
        .catch((err) => log.warn({ err }, 'presence renewal failed'));
    }
  });
}
