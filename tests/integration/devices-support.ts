import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AgentInventory } from '../../src/shared/contracts/devices.js';
import type { Db } from '../../src/server/platform/db/pool.js';
import type { App } from '../../src/server/platform/http/types.js';
import { companies } from '../../src/server/modules/companies/tables.js';
import { newCredential, credentialHashOf, insertDevice, revokeDevice } from '../../src/server/modules/devices/index.js';

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

export async function dataKeyOf(db: Db, companyId: string): Promise<string> {
  const [row] = await db.select({ dataKey: companies.dataKey }).from(companies).where(eq(companies.id, companyId));
  return row.dataKey;
}

export const deviceHeaders = (credential: string) => ({ authorization: `Device ${credential}` });

/** Enrols through the API, as the agent does. */
export async function enrolDevice(
  app: App,
  dataKey: string,
  options: { name?: string; inventory?: Partial<AgentInventory> } = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/agent/enroll',
    payload: { dataKey, name: options.name, inventory: sampleInventory(options.inventory) },
  });
  if (res.statusCode !== 201) throw new Error(`enrolment failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { deviceId: string; credential: string; heartbeatSeconds: number };
  return { ...body, headers: deviceHeaders(body.credential) };
}

/**
 * A device written straight through the repository (no licence check): fixtures for lists and
 * the authorization matrix, which need more devices than a licence allows.
 */
export async function insertTestDevice(
  db: Db,
  accountId: string,
  companyId: string,
  options: { name?: string; revoked?: boolean; inventory?: Partial<AgentInventory> } = {},
) {
  const credential = newCredential();
  const device = await insertDevice(db, {
    accountId,
    companyId,
    name: options.name ?? `Device ${randomBytes(3).toString('hex')}`,
    credentialHash: credentialHashOf(credential),
    inventory: sampleInventory(options.inventory),
    status: 'online',
  });
  if (options.revoked) await revokeDevice(db, accountId, device.id);
  return { id: device.id, credential, headers: deviceHeaders(credential) };
}
