import { describe, expect, it } from 'vitest';
import { roleCan } from '../../src/shared/permissions.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { anAccount } from '../support/builders/index.js';

const { app, database } = await createTestApp();
const account = await anAccount(database.db, { name: 'Remote settings', companies: 1 });
const companyId = account.companyIds[0]!;
const admin = await signIn(app, account.admin.email);

type Item = { key: string; effective: unknown; overridable: boolean; input: unknown };
const items = async (url: string): Promise<Item[]> => (await call(app, admin, { method: 'GET', url })).json().items;
const patch = (url: string, values: object) => call(app, admin, { method: 'PATCH', url, payload: { values } });

describe('devices.control', () => {
  it('belongs to administrators and technicians, never to viewers', () => {
    expect(roleCan('administrator', 'devices.control')).toBe(true);
    expect(roleCan('technician', 'devices.control')).toBe(true);
    expect(roleCan('viewer', 'devices.control')).toBe(false);
  });
});

describe('the remote access settings', () => {
  it('default to a notice on the device, 30 seconds to answer and 100 MB files, each overridable', async () => {
    const all = await items('/api/v1/settings');
    const of = (key: string) => all.find((i) => i.key === key);
    expect(of('devices.remoteConsent')).toMatchObject({
      effective: 'notify',
      overridable: true,
      input: { kind: 'select', options: ['allow', 'notify', 'ask'] },
    });
    expect(of('devices.remoteConsentSeconds')).toMatchObject({
      effective: 30,
      overridable: true,
      input: { kind: 'number', min: 5, max: 600, unit: 'seconds' },
    });
    expect(of('sessions.fileTransferMaxMb')).toMatchObject({
      effective: 100,
      overridable: true,
      input: { kind: 'number', min: 1, max: 2048, unit: 'megabytes' },
    });
  });

  it('refuses values out of bounds and takes a company override', async () => {
    const url = `/api/v1/companies/${companyId}/settings`;
    for (const values of [
      { 'devices.remoteConsent': 'maybe' },
      { 'devices.remoteConsentSeconds': 4 },
      { 'devices.remoteConsentSeconds': 601 },
      { 'sessions.fileTransferMaxMb': 0 },
      { 'sessions.fileTransferMaxMb': 2049 },
    ])
      expect((await patch(url, values)).statusCode, JSON.stringify(values)).toBe(400);
    const res = await patch(url, {
      'devices.remoteConsent': 'ask',
      'devices.remoteConsentSeconds': 600,
      'sessions.fileTransferMaxMb': 2048,
    });
    expect(res.statusCode, res.body).toBe(200);
    const company = await items(url);
    expect(company.find((i) => i.key === 'devices.remoteConsent')?.effective).toBe('ask');
    expect(company.find((i) => i.key === 'sessions.fileTransferMaxMb')?.effective).toBe(2048);
  });
});
