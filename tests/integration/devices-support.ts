import { randomBytes } from 'node:crypto';
import type { AgentInventory } from '../../src/shared/contracts/devices.js';
import type { Db } from '../../src/server/platform/db/pool.js';
import type { App } from '../../src/server/platform/http/types.js';
import { newCredential, credentialHashOf, insertDevice, revokeDevice } from '../../src/server/modules/devices/index.js';

// one definition of each, in the builders; re-exported for the device tests that import them from here
export { dataKeyOf, deviceHeaders, sampleInventory } from '../support/builders/index.js';
import { deviceHeaders, sampleInventory } from '../support/builders/index.js';

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
