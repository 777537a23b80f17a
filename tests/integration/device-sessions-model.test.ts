import { describe, expect, it } from 'vitest';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { aDevice, anAccount, aSupportSession } from '../support/builders/index.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Device model', companies: 1 });
const companyId = account.companyIds[0]!;
const admin = await signIn(app, account.admin.email);
const device = await aDevice(db, account.id, companyId, { name: 'Reception PC' });
const base = { accountId: account.id, companyId, technicianId: account.admin.id };

const attended = await aSupportSession(db, { ...base, status: 'ended', outcome: 'resolved' });
const onDevice = await aSupportSession(db, { ...base, kind: 'device', deviceId: device.id, mode: 'control' });

const get = (url: string) => call(app, admin, { method: 'GET', url });

describe('device sessions in the session model', () => {
  it('presents kind, device and mode; attended sessions say attended with neither', async () => {
    const one = (await get(`/api/v1/sessions/${onDevice.id}`)).json();
    expect(one).toMatchObject({ kind: 'device', device: { id: device.id, name: 'Reception PC' }, mode: 'control' });
    const two = (await get(`/api/v1/sessions/${attended.id}`)).json();
    expect(two).toMatchObject({ kind: 'attended', device: null, mode: null });
  });

  it('filters the list by kind', async () => {
    const devices = (await get('/api/v1/sessions?kind=device')).json();
    expect(devices.items.map((s: { id: string }) => s.id)).toEqual([onDevice.id]);
    const attendedOnes = (await get('/api/v1/sessions?kind=attended')).json();
    expect(attendedOnes.items.map((s: { id: string }) => s.id)).toEqual([attended.id]);
    expect((await get('/api/v1/sessions?kind=robot')).statusCode).toBe(400);
  });

  it('writes kind, device and mode in the CSV', async () => {
    const csv = (await get('/api/v1/sessions.csv?kind=device')).body;
    expect(csv.split('\r\n')[0]).toMatch(/,kind,device,mode$/);
    expect(csv).toContain(',device,Reception PC,control');
  });

  it('holds at most one open session per device; an ended one does not count', async () => {
    await expect(
      aSupportSession(db, { ...base, kind: 'device', deviceId: device.id, mode: 'view', status: 'active' }),
    ).rejects.toThrow();
    await aSupportSession(db, { ...base, kind: 'device', deviceId: device.id, mode: 'view', status: 'ended' });
  });
});
