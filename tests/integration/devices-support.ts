import type { AgentInventory } from '../../src/shared/contracts/devices.js';
import type { App } from '../../src/server/platform/http/types.js';

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
