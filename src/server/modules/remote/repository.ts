import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import { devices } from '../devices/tables.js';
import { supportSessions } from '../sessions/tables.js';
import { users } from '../users/tables.js';
import { agentConnections, agentGrantKeys } from './tables.js';

const open = ['waiting', 'joined', 'active'] as const;

/** The server's grant key row, or null before the first one is made. */
export async function readGrantKey(db: Queryable) {
  const [row] = await db.select().from(agentGrantKeys).where(eq(agentGrantKeys.id, 1)).limit(1);
  return row ?? null;
}

/** Stores a new grant key unless one is there already (another process made it first). */
export async function insertGrantKey(db: Queryable, values: { publicKey: Buffer; privateKey: string }) {
  await db
    .insert(agentGrantKeys)
    .values({ id: 1, ...values })
    .onConflictDoNothing();
}

const deviceColumns = {
  id: devices.id,
  accountId: devices.accountId,
  companyId: devices.companyId,
  name: devices.name,
  revokedAt: devices.revokedAt,
};
export type RemoteDevice = { id: string; accountId: string; companyId: string; name: string; revokedAt: Date | null };

/** A device of the account (revoked or not), or null. */
export async function findDevice(db: Queryable, accountId: string, id: string): Promise<RemoteDevice | null> {
  const [row] = await db
    .select(deviceColumns)
    .from(devices)
    .where(and(eq(devices.accountId, accountId), eq(devices.id, id)))
    .limit(1);
  return row ?? null;
}

/** The device a credential belongs to, while it is not revoked. */
export async function findAgentDevice(db: Queryable, credentialHash: string): Promise<RemoteDevice | null> {
  const [row] = await db
    .select(deviceColumns)
    .from(devices)
    .where(and(eq(devices.credentialHash, credentialHash), isNull(devices.revokedAt)))
    .limit(1);
  return row ?? null;
}

/** Whether the device is still enrolled and not revoked. */
export async function isDeviceActive(db: Queryable, deviceId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(devices)
    .where(and(eq(devices.id, deviceId), isNull(devices.revokedAt)))
    .limit(1);
  return !!row;
}

/** The session open on a device now (a device has at most one), or null. */
export async function openSessionOfDevice(db: Queryable, deviceId: string) {
  const [row] = await db
    .select()
    .from(supportSessions)
    .where(and(eq(supportSessions.deviceId, deviceId), inArray(supportSessions.status, [...open])))
    .limit(1);
  return row ?? null;
}

/** A device session with the names its grant shows: the technician's and the company's. */
export async function deviceSessionForGrant(db: Queryable, sessionId: string) {
  const [row] = await db
    .select({
      session: supportSessions,
      technicianName: users.name,
      companyName: companies.name,
    })
    .from(supportSessions)
    .innerJoin(users, eq(users.id, supportSessions.technicianId))
    .innerJoin(companies, eq(companies.id, supportSessions.companyId))
    .where(and(eq(supportSessions.id, sessionId), eq(supportSessions.kind, 'device')))
    .limit(1);
  return row ?? null;
}

// --- connected agents ---------------------------------------------------------------------------

/** The agent's control socket said hello on this process: it replaces any earlier socket of the device. */
export async function markConnected(db: Queryable, deviceId: string, connectionId: string, processId: string) {
  await db
    .insert(agentConnections)
    .values({ deviceId, connectionId, processId })
    .onConflictDoUpdate({
      target: agentConnections.deviceId,
      set: { connectionId, processId, connectedAt: sql`now()`, disconnectedAt: null },
    });
}

/** That socket closed (unless a newer one of the same device took its place). */
export async function markDisconnected(db: Queryable, deviceId: string, connectionId: string) {
  await db
    .update(agentConnections)
    .set({ disconnectedAt: sql`now()` })
    .where(
      and(
        eq(agentConnections.deviceId, deviceId),
        eq(agentConnections.connectionId, connectionId),
        isNull(agentConnections.disconnectedAt),
      ),
    );
}

/** Every socket a process held is gone (it stops). */
export async function markProcessDisconnected(db: Queryable, processId: string) {
  await db
    .update(agentConnections)
    .set({ disconnectedAt: sql`now()` })
    .where(and(eq(agentConnections.processId, processId), isNull(agentConnections.disconnectedAt)));
}

/** Whether the device's agent holds its control socket open on some process now. */
export async function isConnected(db: Queryable, deviceId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(agentConnections)
    .where(and(eq(agentConnections.deviceId, deviceId), isNull(agentConnections.disconnectedAt)))
    .limit(1);
  return !!row;
}

// --- the sweep ----------------------------------------------------------------------------------

/** Device sessions still waiting for their consent step, created before `before`, at most `limit`. */
export async function waitingDeviceSessions(db: Queryable, before: Date, limit: number) {
  return db
    .select()
    .from(supportSessions)
    .where(
      and(
        eq(supportSessions.kind, 'device'),
        eq(supportSessions.status, 'waiting'),
        lt(supportSessions.createdAt, before),
      ),
    )
    .limit(limit);
}

/**
 * Active device sessions whose agent has been gone since before `goneBefore` (or never said hello
 * since), with no restart asked for since `rebootAfter`, at most `limit`.
 */
export async function abandonedDeviceSessions(db: Queryable, goneBefore: Date, rebootAfter: Date, limit: number) {
  return db
    .select()
    .from(supportSessions)
    .where(
      and(
        eq(supportSessions.kind, 'device'),
        eq(supportSessions.status, 'active'),
        sql`(${supportSessions.rebootRequestedAt} is null or ${supportSessions.rebootRequestedAt} < ${rebootAfter})`,
        sql`not exists (select 1 from ${agentConnections} a where a.device_id = ${supportSessions.deviceId}
          and (a.disconnected_at is null or a.disconnected_at >= ${goneBefore}))`,
        sql`${supportSessions.startedAt} < ${goneBefore}`,
      ),
    )
    .limit(limit);
}

/** Open device sessions whose device was revoked or removed since they were opened, at most `limit`. */
export async function revokedDeviceSessions(db: Queryable, limit: number) {
  return db
    .select()
    .from(supportSessions)
    .where(
      and(
        eq(supportSessions.kind, 'device'),
        inArray(supportSessions.status, [...open]),
        sql`not exists (select 1 from ${devices} d where d.id = ${supportSessions.deviceId} and d.revoked_at is null)`,
      ),
    )
    .limit(limit);
}
