import { describe, expect, it } from 'vitest';
import { anAccount, nth } from '../support/builders/index.js';
import { createTestApp } from '../support/test-app.js';
import { fingerprint } from './authorization/fingerprint.js';
import { dataKeyOf, enrolDevice, sampleInventory } from './devices-support.js';

const { app, database } = await createTestApp();
const account = await anAccount(database.db, { name: 'AgentText', companies: 1 });
const dataKey = await dataKeyOf(database.db, account.companyIds[0]);
/** the inventory is rate-limited per device (30 a minute): one device per field */
const enrol = () => enrolDevice(app, dataKey);

/** what an agent might send to disguise itself: a right-to-left override, an isolate, a mark, controls */
const disguises = [
  'evil\u202egnp.exe',
  'host\u2066name\u2069',
  'left\u200fright',
  'bell\u0007',
  'esc\u001b[31mred',
  'c1\u0085',
  'del\u007f',
  'line\nbreak',
];
const fields: [string, (bad: string) => object][] = [
  ['hostname', (bad) => ({ hostname: bad })],
  ['os', (bad) => ({ os: bad })],
  ['osVersion', (bad) => ({ osVersion: bad })],
  ['cpu.model', (bad) => ({ cpu: { model: bad, cores: 4 } })],
  ['disks.0.mount', (bad) => ({ disks: [{ mount: bad, sizeBytes: 10, usedBytes: 1 }] })],
  ['agentVersion', (bad) => ({ agentVersion: bad })],
];

describe("an agent's text refuses control characters and bidirectional overrides", () => {
  it('refuses each field of an inventory report with a 400 naming it, and stores nothing', async () => {
    const devices = await Promise.all(fields.map(() => enrol()));
    const before = await fingerprint(database.db);
    for (const [i, [field, spoil]] of fields.entries()) {
      const device = nth(devices, i, 'device');
      for (const bad of disguises) {
        const res = await app.inject({
          method: 'PUT',
          url: '/api/agent/inventory',
          headers: device.headers,
          payload: sampleInventory(spoil(bad)),
          remoteAddress: '127.0.1.1',
        });
        expect(res.statusCode, `${field} ${JSON.stringify(bad)}`).toBe(400);
        expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual([field]);
      }
    }
    expect(await fingerprint(database.db)).toBe(before);
  });

  it('refuses them at enrolment too, in the name and in the inventory', async () => {
    const before = await fingerprint(database.db);
    for (const [payload, path] of [
      [{ dataKey, name: 'pc\u202eexe', inventory: sampleInventory() }, 'name'],
      [{ dataKey, inventory: sampleInventory({ hostname: 'a\u2067b' }) }, 'inventory.hostname'],
    ] as const) {
      const res = await app.inject({ method: 'POST', url: '/api/agent/enroll', payload, remoteAddress: '127.0.1.2' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe(path);
    }
    expect(await fingerprint(database.db)).toBe(before);
  });

  it('accepts ordinary text of every script, spaces and emoji included', async () => {
    const device = await enrol();
    const res = await app.inject({
      method: 'PUT',
      url: '/api/agent/inventory',
      headers: device.headers,
      payload: sampleInventory({ hostname: 'poste-élève-قسم', cpu: { model: 'Intel® Core™ i7 😀', cores: 8 } }),
      remoteAddress: '127.0.1.3',
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});
