import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AgentInventory } from '../../../src/shared/contracts/devices.js';
import type { Db } from '../../../src/server/platform/db/pool.js';
import {
  credentialHashOf,
  insertDevice,
  newCredential,
  revokeDevice,
} from '../../../src/server/modules/devices/index.js';
import { deviceStatusChanges, devices } from '../../../src/server/modules/devices/tables.js';

/** A plausible inventory report, with overrides. */
export function sampleInventory(overrides: Partial<AgentInventory> = {}): AgentInventory {
  return {
    hostname: `host-${randomBytes(3).toString('hex')}`,
    platform: 'linux',
    os: 'Debian GNU/Linux',
    osVersion: '12',
    cpu: { model: 'Test CPU', cores: 4 },
    memory: { totalBytes: 8 * 1024 ** 3 },
    disks: [{ mount: '/', sizeBytes: 100 * 1024 ** 3, usedBytes: 40 * 1024 ** 3 }],
    addresses: ['10.0.0.12'],
    uptimeSeconds: 3600,
    agentVersion: '1.0.0',
    ...overrides,
  };
}

export const deviceHeaders = (credential: string) => ({ authorization: `Device ${credential}` });

export interface DeviceOptions {
  name?: string;
  /** online unless told */
  status?: 'online' | 'offline';
  /** when the agent was last heard from (now unless told) */
  lastSeenAt?: Date;
  revoked?: boolean;
  inventory?: Partial<AgentInventory>;
}

/**
 * An enrolled device written through the devices repository (no licence check): lists and the
 * authorization matrix need more devices than a licence allows. Enrolment through the agent's API
 * is `enrolDevice` (tests/integration/devices-support.ts).
 */
export async function aDevice(db: Db, accountId: string, companyId: string, options: DeviceOptions = {}) {
  const credential = newCredential();
  const device = await insertDevice(db, {
    accountId,
    companyId,
    name: options.name ?? `Device ${randomBytes(3).toString('hex')}`,
    credentialHash: credentialHashOf(credential),
    inventory: sampleInventory(options.inventory),
    status: options.status ?? 'online',
  });
  if (options.lastSeenAt) await lastSeen(db, device.id, options.lastSeenAt);
  if (options.revoked) await revokeDevice(db, accountId, device.id);
  return { id: device.id, credential, headers: deviceHeaders(credential) };
}

/** Moves a device's last contact to `at`, as if its agent had been silent since. */
export async function lastSeen(db: Db, deviceId: string, at: Date): Promise<void> {
  await db.update(devices).set({ lastSeenAt: at }).where(eq(devices.id, deviceId));
}

/** Sets a device's status without the status history a heartbeat or the sweep would write. */
export async function deviceStatus(db: Db, deviceId: string, status: 'online' | 'offline'): Promise<void> {
  await db.update(devices).set({ status }).where(eq(devices.id, deviceId));
}

/** Sets every device of the account to a status, without status history (as `deviceStatus` does for one). */
export async function allDevicesStatus(db: Db, accountId: string, status: 'online' | 'offline'): Promise<void> {
  await db.update(devices).set({ status }).where(eq(devices.accountId, accountId));
}

/** A device as stored (its credential hash, inventory, times…). */
export async function deviceRow(db: Db, deviceId: string) {
  const [row] = await db.select().from(devices).where(eq(devices.id, deviceId));
  if (!row) throw new Error(`no device ${deviceId}`);
  return row;
}

/** A device's status history as stored. */
export async function statusHistoryOf(db: Db, deviceId: string) {
  return db.select().from(deviceStatusChanges).where(eq(deviceStatusChanges.deviceId, deviceId));
}
