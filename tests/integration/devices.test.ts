import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sweepOfflineDevices, seedDevices } from '../../src/server/modules/devices/index.js';
import { deviceStatusChanges, devices } from '../../src/server/modules/devices/tables.js';
import {
  aDevice,
  allDevicesStatus,
  anAccount,
  auditRowsOf,
  aUser,
  countOf,
  deviceRow,
  deviceStatus,
  eventsAbout,
  eventsOfAccount,
  first,
  lastSeen,
  statusHistoryOf,
  withLicence,
} from '../support/builders/index.js';
import { statementsDuring } from '../support/statements.js';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import { dataKeyOf, deviceHeaders, enrolDevice, sampleInventory } from './devices-support.js';

const { app, database } = await createTestApp();
const db = database.db;

const account = await anAccount(db, { name: 'Dev', companies: 3 });
const [firstId, secondId, thirdId] = account.companyIds;
const other = await anAccount(db, { name: 'Far', companies: 1 });
const admin = await signIn(app, account.admin.email);
const technician = await aUser(db, account, { role: 'technician', companies: [firstId] });
const viewer = await aUser(db, account, { role: 'viewer', companies: [firstId] });
const tech = await signIn(app, technician.email);
const view = await signIn(app, viewer.email);
const otherAdmin = await signIn(app, other.admin.email);
const missingId = '00000000-0000-4000-8000-000000000000';

const get = (caller: Caller, url: string) => call(app, caller, { method: 'GET', url });
const eventsOf = async (type: string, subjectId: string) =>
  (await eventsAbout(db, subjectId)).filter((event) => event.type === type);
const deviceCount = (accountId: string) =>
  countOf(db, sql`select count(*)::int as n from devices where account_id = ${accountId}`);
const statusOf = async (id: string) => (await deviceRow(db, id)).status;

describe('enrolment', () => {
  it('exchanges the data key for a credential stored hashed; the device is online, with its inventory, history and event', async () => {
    const key = await dataKeyOf(db, firstId);
    const res = await call(
      app,
      { headers: {} },
      {
        method: 'POST',
        url: '/api/agent/enroll',
        payload: {
          dataKey: key,
          name: 'Front desk',
          inventory: sampleInventory({ hostname: 'frontdesk-01', addresses: ['192.168.1.20'] }),
        },
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      deviceId: expect.any(String),
      credential: expect.stringMatching(/^tdc_/),
      heartbeatSeconds: 30,
      // the server's grant key, which the agent pins
      grantKey: expect.stringMatching(/^[\w-]{43}$/),
    });
    const row = await deviceRow(db, body.deviceId);
    expect(row.credentialHash).not.toContain(body.credential);
    expect(row.credentialHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row).toMatchObject({
      name: 'Front desk',
      hostname: 'frontdesk-01',
      status: 'online',
      companyId: firstId,
      ipAddresses: ['192.168.1.20'],
    });
    const event = first(await eventsOf('device.enrolled', body.deviceId));
    expect(event.payload).toMatchObject({ deviceId: body.deviceId, name: 'Front desk', companyId: firstId });
    const history = await statusHistoryOf(db, body.deviceId);
    expect(history.map((h) => h.status)).toEqual(['online']);

    const detail = await get(admin, `/api/v1/devices/${body.deviceId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      name: 'Front desk',
      hostname: 'frontdesk-01',
      status: 'online',
      company: { id: firstId },
      hardware: { cpu: { cores: 4 } },
      history: [{ status: 'online' }],
    });
  });

  it('refuses a wrong key and a rotated one; devices enrolled before the rotation keep working', async () => {
    const before = await enrolDevice(app, await dataKeyOf(db, secondId));
    const oldKey = await dataKeyOf(db, secondId);
    const rotate = await call(app, admin, { method: 'POST', url: `/api/v1/companies/${secondId}/data-key/rotate` });
    expect(rotate.statusCode).toBe(200);
    const count = await deviceCount(account.id);
    for (const dataKey of [oldKey, 'tdk_not-a-key', `${rotate.json().dataKey}x`]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/agent/enroll',
        payload: { dataKey, inventory: sampleInventory() },
      });
      expect(res.statusCode, dataKey).toBe(401);
      expect(res.json().error.message).toMatch(/data key is not valid/);
    }
    expect(await deviceCount(account.id)).toBe(count);
    expect(
      (await app.inject({ method: 'POST', url: '/api/agent/heartbeat', headers: before.headers })).statusCode,
    ).toBe(200);
    const fresh = await enrolDevice(app, rotate.json().dataKey);
    expect(fresh.deviceId).toBeTruthy();
  });

  it('refuses beyond the device limit with a clear message and records licence.device_limit_reached', async () => {
    const small = await anAccount(db, { name: 'Small', companies: 1 });
    await withLicence(db, small, { deviceLimit: 1 });
    const key = await dataKeyOf(db, small.companyIds[0]);
    await enrolDevice(app, key);
    const res = await app.inject({
      method: 'POST',
      url: '/api/agent/enroll',
      payload: { dataKey: key, inventory: sampleInventory({ hostname: 'one-too-many' }) },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/device limit \(1\) is reached/);
    expect(res.json().error.details).toEqual({ reason: 'device_limit_reached', deviceLimit: 1 });
    expect(await deviceCount(small.id)).toBe(1);
    const events = await eventsOfAccount(db, small.id, 'licence.device_limit_reached');
    expect(events).toHaveLength(1);
    expect(first(events).payload).toMatchObject({
      companyId: small.companyIds[0],
      deviceLimit: 1,
      inUse: 1,
      hostname: 'one-too-many',
    });
  });

  it('refuses bad enrolment bodies with 400 and stores nothing', async () => {
    const key = await dataKeyOf(db, firstId);
    const count = await deviceCount(account.id);
    for (const payload of [
      { dataKey: key },
      { dataKey: key, inventory: { ...sampleInventory(), hostname: '' } },
      { dataKey: key, inventory: sampleInventory(), extra: 1 },
      { dataKey: key, name: 'x'.repeat(121), inventory: sampleInventory() },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/agent/enroll', payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
    }
    expect(await deviceCount(account.id)).toBe(count);
  });
});

describe('heartbeats, inventory and revocation', () => {
  it('answers the interval; a heartbeat after offline flips the device online once, with device.online', async () => {
    const d = await enrolDevice(app, await dataKeyOf(db, firstId));
    await deviceStatus(db, d.deviceId, 'offline');
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/agent/heartbeat', headers: d.headers });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ heartbeatSeconds: 30 });
    }
    expect(await statusOf(d.deviceId)).toBe('online');
    const online = await eventsOf('device.online', d.deviceId);
    expect(online).toHaveLength(1);
    expect(first(online).payload).toMatchObject({
      deviceId: d.deviceId,
      companyId: firstId,
      name: expect.any(String),
      lastSeenAt: expect.any(String),
    });
  });

  it('writes heartbeats that arrive together in a few statements, each answered once its row is stored; a revoked one among them refused alone', async () => {
    const lastMinute = new Date(Date.now() - 60_000);
    const online = await Promise.all(
      Array.from({ length: 30 }, () => aDevice(db, account.id, firstId, { lastSeenAt: lastMinute })),
    );
    const revoked = await aDevice(db, account.id, firstId, { revoked: true });
    const before = new Date(Date.now() - 1000);
    let answers: number[] = [];
    const sent = await statementsDuring(async () => {
      answers = await Promise.all(
        [...online, revoked].map(
          async (d) =>
            (await app.inject({ method: 'POST', url: '/api/agent/heartbeat', headers: d.headers })).statusCode,
        ),
      );
    });
    expect(answers.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(answers[30]).toBe(401);
    const seen = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from devices where id in ${online.map((d) => d.id)} and last_seen_at >= ${before}`,
    );
    expect(seen.rows[0]!.n).toBe(30);
    // 31 heartbeats, far fewer writes: the first alone, the others together while it was written
    const writes = sent.filter((text) => /^\s*update "devices" set last_seen_at/i.test(text));
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.length).toBeLessThan(10);
  });

  it('stores a good inventory; refuses bad and oversize ones whole (400; 413 beyond 1 MB), storing nothing', async () => {
    const d = await enrolDevice(app, await dataKeyOf(db, firstId), { inventory: { hostname: 'inv-host' } });
    const ok = await app.inject({
      method: 'PUT',
      url: '/api/agent/inventory',
      headers: d.headers,
      payload: sampleInventory({
        hostname: 'renamed-host',
        platform: 'windows',
        os: 'Windows 11 Pro',
        addresses: ['10.1.2.3', 'fe80::1'],
      }),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stored = await deviceRow(db, d.deviceId);
    expect(stored).toMatchObject({
      hostname: 'renamed-host',
      platform: 'windows',
      os: 'Windows 11 Pro',
      ipAddresses: ['10.1.2.3', 'fe80::1'],
    });
    expect(stored.searchText).toContain('10.1.2.3');

    const bad = [
      { ...sampleInventory(), addresses: ['not-an-ip'] },
      { ...sampleInventory(), hostname: 'h'.repeat(254) },
      { ...sampleInventory(), platform: 'amiga' },
      { ...sampleInventory(), cpu: { model: 'x', cores: -1 } },
      { ...sampleInventory(), disks: Array.from({ length: 65 }, () => ({ mount: '/', sizeBytes: 1, usedBytes: 0 })) },
      { ...sampleInventory(), addresses: Array.from({ length: 65 }, (_, i) => `10.0.0.${i}`) },
      { ...sampleInventory(), surprise: true },
      { hostname: 'only' },
    ];
    for (const payload of bad) {
      const res = await app.inject({ method: 'PUT', url: '/api/agent/inventory', headers: d.headers, payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 100)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const huge = await app.inject({
      method: 'PUT',
      url: '/api/agent/inventory',
      headers: { ...d.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...sampleInventory(), os: 'x'.repeat(70_000) }),
    });
    expect(huge.statusCode).toBe(400);
    const tooBig = await app.inject({
      method: 'PUT',
      url: '/api/agent/inventory',
      headers: { ...d.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...sampleInventory(), os: 'x'.repeat(1_100_000) }),
    });
    expect(tooBig.statusCode).toBe(413);
    const after = await deviceRow(db, d.deviceId);
    expect(after.hostname).toBe('renamed-host');
    expect(after.inventoryAt).toEqual(stored.inventoryAt);
  });

  it("a revoked credential fails at once; revocation is the administrator's, audited; the device stops counting", async () => {
    const d = await enrolDevice(app, await dataKeyOf(db, firstId));
    for (const caller of [tech, view])
      expect(
        (await call(app, caller, { method: 'POST', url: `/api/v1/devices/${d.deviceId}/revoke` })).statusCode,
      ).toBe(403);
    const res = await call(app, admin, { method: 'POST', url: `/api/v1/devices/${d.deviceId}/revoke` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ revoked: true, status: 'offline', abilities: { revoke: false } });
    for (const [method, url] of [
      ['POST', '/api/agent/heartbeat'],
      ['PUT', '/api/agent/inventory'],
    ] as const) {
      const refused = await app.inject({
        method,
        url,
        headers: d.headers,
        payload: method === 'PUT' ? sampleInventory() : undefined,
      });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.message).toMatch(/revoked/);
    }
    const audit = first(await auditRowsOf(db, d.deviceId, 'device.revoke'));
    expect(audit.after).toEqual({ revoked: true });
    const seats = await get(admin, '/api/v1/seats');
    expect(seats.json().devices.used).toBe(
      await db.$count(devices, and(eq(devices.accountId, account.id), sql`revoked_at is null`)),
    );
  });

  it('refuses agent routes without a device credential, or with a user token', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/agent/heartbeat' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/agent/heartbeat', headers: admin.headers })).statusCode).toBe(
      401,
    );
    expect(
      (await app.inject({ method: 'POST', url: '/api/agent/heartbeat', headers: deviceHeaders('tdc_nope') }))
        .statusCode,
    ).toBe(401);
  });
});

describe('offline detection', () => {
  it('marks devices offline after the missed heartbeats of their company setting, once, with history and device.offline', async () => {
    const a = await aDevice(db, account.id, thirdId, { name: 'Sweep A' });
    const b = await aDevice(db, account.id, secondId, { name: 'Sweep B' });
    // third company: 2 missed heartbeats; second company: the default (3)
    const set = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${thirdId}/settings`,
      payload: { values: { 'devices.offlineAfterMissedHeartbeats': 2 } },
    });
    expect(set.statusCode, set.body).toBe(200);
    const { lastSeenAt } = await deviceRow(db, a.id);
    await lastSeen(db, b.id, lastSeenAt);
    const at = (seconds: number) => new Date(lastSeenAt.getTime() + seconds * 1000);

    await sweepOfflineDevices(db, { now: at(59), heartbeatSeconds: 30 });
    expect([await statusOf(a.id), await statusOf(b.id)]).toEqual(['online', 'online']);
    await sweepOfflineDevices(db, { now: at(61), heartbeatSeconds: 30 });
    expect([await statusOf(a.id), await statusOf(b.id)]).toEqual(['offline', 'online']);
    // two processes sweeping at the same moment: the transition is recorded once
    await Promise.all([
      sweepOfflineDevices(db, { now: at(91), heartbeatSeconds: 30 }),
      sweepOfflineDevices(db, { now: at(91), heartbeatSeconds: 30 }),
    ]);
    expect([await statusOf(a.id), await statusOf(b.id)]).toEqual(['offline', 'offline']);
    for (const d of [a, b]) {
      const events = await eventsOf('device.offline', d.id);
      expect(events).toHaveLength(1);
      expect(first(events).payload).toMatchObject({
        deviceId: d.id,
        name: expect.stringMatching(/^Sweep/),
        lastSeenAt: lastSeenAt.toISOString(),
      });
    }
    const detail = (await get(admin, `/api/v1/devices/${a.id}`)).json();
    expect(detail.history.map((h: { status: string }) => h.status)).toEqual(['offline']);

    // it comes back
    expect((await app.inject({ method: 'POST', url: '/api/agent/heartbeat', headers: a.headers })).statusCode).toBe(
      200,
    );
    expect(await statusOf(a.id)).toBe('online');
    expect(await eventsOf('device.online', a.id)).toHaveLength(1);
  });
  it('takes a site losing its network in bounded batches: every device once, with its history row and event', async () => {
    const outage = await anAccount(db, { name: 'Outage', companies: 1 });
    await seedDevices(db, outage.id, 2_500);
    const online = await db.$count(devices, and(eq(devices.accountId, outage.id), eq(devices.status, 'online')));
    const later = new Date(Date.now() + 3_600_000);
    const [first, second] = await Promise.all([
      sweepOfflineDevices(db, { now: later, heartbeatSeconds: 30, batchSize: 300 }),
      sweepOfflineDevices(db, { now: later, heartbeatSeconds: 30, batchSize: 300 }),
    ]);
    expect(first + second).toBeGreaterThanOrEqual(online);
    expect(await db.$count(devices, and(eq(devices.accountId, outage.id), eq(devices.status, 'online')))).toBe(0);
    const events = await eventsOfAccount(db, outage.id, 'device.offline');
    expect(events).toHaveLength(online);
    expect(new Set(events.map((e) => e.subjectId)).size).toBe(online);
    expect(await db.$count(deviceStatusChanges, eq(deviceStatusChanges.accountId, outage.id))).toBe(online);
  });
});

const scoped = await anAccount(db, { name: 'List', companies: 2 });
const [home, away] = scoped.companyIds;
const listAdmin = await signIn(app, scoped.admin.email);
const listTech = await signIn(app, (await aUser(db, scoped, { role: 'technician', companies: [home] })).email);
const names = ['alpha', 'Bravo', 'charlie', 'delta', 'Echo', '=cmd|calc', '<script>alert(1)</script>'];
for (const [i, name] of names.entries()) {
  await aDevice(db, scoped.id, i % 2 === 0 ? home : away, {
    name,
    inventory: {
      hostname: `${name.slice(0, 3)}-host`,
      platform: i < 3 ? 'windows' : 'linux',
      addresses: [`172.16.0.${i + 1}`],
    },
  });
}

describe('the inventory list', () => {
  const list = async (caller: Caller, query: string) => {
    const res = await get(caller, `/api/v1/devices?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { name: string; company: { id: string } }[]; nextCursor: string | null };
  };

  it('pages by name with cursors, without gaps or repeats, and counts separately', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(listAdmin, `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((d) => d.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(
      [...names]
        .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en'))
        .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
    );
    expect((await get(listAdmin, '/api/v1/devices/count')).json()).toEqual({ count: names.length });
    const desc = await list(listAdmin, 'sort=lastSeen&order=desc&limit=3');
    const next = await list(listAdmin, `sort=lastSeen&order=desc&limit=3&cursor=${desc.nextCursor}`);
    expect(new Set([...desc.items, ...next.items].map((d) => d.name)).size).toBe(6);
    expect((await get(listAdmin, `/api/v1/devices?sort=enrolled&cursor=${desc.nextCursor}`)).statusCode).toBe(400);
    expect((await get(listAdmin, '/api/v1/devices?cursor=garbage')).statusCode).toBe(400);
  });

  it('searches name, hostname and IP; filters by company, status, OS and tag', async () => {
    expect((await list(listAdmin, 'q=ECHO')).items.map((d) => d.name)).toEqual(['Echo']);
    expect((await list(listAdmin, 'q=cha-host')).items.map((d) => d.name)).toEqual(['charlie']);
    expect((await list(listAdmin, 'q=172.16.0.4')).items.map((d) => d.name)).toEqual(['delta']);
    expect((await list(listAdmin, 'q=%25')).items).toEqual([]);
    expect((await list(listAdmin, `companyId=${away}`)).items.every((d) => d.company.id === away)).toBe(true);
    expect((await list(listAdmin, 'platform=windows')).items.map((d) => d.name).sort()).toEqual([
      'Bravo',
      'alpha',
      'charlie',
    ]);
    const alpha = first((await list(listAdmin, 'q=alpha')).items as unknown as { id: string }[]);
    // the offline sweep of another test may have passed over these: set them as this test needs
    await allDevicesStatus(db, scoped.id, 'online');
    await deviceStatus(db, alpha.id, 'offline');
    expect((await list(listAdmin, 'status=offline')).items.map((d) => d.name)).toEqual(['alpha']);
    expect((await get(listAdmin, '/api/v1/devices/count?status=online')).json()).toEqual({ count: names.length - 1 });
    const patch = await call(app, listTech, {
      method: 'PATCH',
      url: `/api/v1/devices/${alpha.id}`,
      payload: { tags: ['kiosk', 'lobby', 'kiosk'], notes: 'Behind the counter' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toMatchObject({ tags: ['kiosk', 'lobby'], notes: 'Behind the counter' });
    expect((await list(listAdmin, 'tag=kiosk')).items.map((d) => d.name)).toEqual(['alpha']);
    const audit = first(await auditRowsOf(db, alpha.id, 'device.update'));
    expect(audit.before).toMatchObject({ tags: [], notes: '' });
    expect(audit.after).toMatchObject({ tags: ['kiosk', 'lobby'], notes: 'Behind the counter' });
    const bad = await call(app, listTech, {
      method: 'PATCH',
      url: `/api/v1/devices/${alpha.id}`,
      payload: { tags: ['a,b'] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('shows a technician only the devices of their companies; other companies and accounts answer 404', async () => {
    const mine = await list(listTech, 'limit=50');
    expect(mine.items.length).toBe(4);
    expect(mine.items.every((d) => d.company.id === home)).toBe(true);
    expect((await get(listTech, '/api/v1/devices/count')).json()).toEqual({ count: 4 });
    expect((await get(listTech, `/api/v1/devices?companyId=${away}`)).statusCode).toBe(404);
    const awayDevice = (await list(listAdmin, `companyId=${away}`)).items[0] as unknown as { id: string };
    expect((await get(listTech, `/api/v1/devices/${awayDevice.id}`)).statusCode).toBe(404);
    expect((await get(otherAdmin, `/api/v1/devices/${awayDevice.id}`)).statusCode).toBe(404);
    expect((await get(listAdmin, `/api/v1/devices/${missingId}`)).statusCode).toBe(404);
    expect(
      (
        await call(app, otherAdmin, {
          method: 'PATCH',
          url: `/api/v1/devices/${awayDevice.id}`,
          payload: { notes: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await list(otherAdmin, '')).items.map((d) => d.name)).not.toContain('alpha');
  });

  it('exports the current filter as CSV, with the chosen columns and formulas neutralised', async () => {
    const res = await get(listAdmin, '/api/v1/devices/export.csv?columns=name,hostname,platform&sort=name');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('name,hostname,platform');
    expect(lines).toContain(`'=cmd|calc,'=cm-host,linux`);
    expect(lines).toContain('<script>alert(1)</script>,<sc-host,linux');
    expect(lines).toHaveLength(names.length + 1);
    const filtered = await get(listTech, '/api/v1/devices/export.csv?platform=windows&columns=name');
    expect(filtered.body.trim().split('\r\n')).toEqual(['name', 'alpha', 'charlie']);
    expect((await get(listAdmin, '/api/v1/devices/export.csv?columns=name,secret')).statusCode).toBe(400);
    expect((await get(listTech, `/api/v1/devices/export.csv?companyId=${away}`)).statusCode).toBe(404);
  });
});

const acc = await anAccount(db, { name: 'Move', companies: 3 });
const [from, to, elsewhere] = acc.companyIds;
const moveAdmin = await signIn(app, acc.admin.email);
const stayer = await aUser(db, acc, { role: 'technician', companies: [from] });
const both = await aUser(db, acc, { role: 'technician', companies: [from, to] });
const arriving = await aUser(db, acc, { role: 'viewer', companies: [to] });
const stayerSession = await signIn(app, stayer.email);

describe('moving devices', () => {
  it("previews who gains and loses sight, moves, audits; the first company's technician no longer sees them", async () => {
    const a = await aDevice(db, acc.id, from, { name: 'Move A' });
    const b = await aDevice(db, acc.id, from, { name: 'Move B' });
    const c = await aDevice(db, acc.id, to, { name: 'Already there' });
    const body = { deviceIds: [a.id, b.id, c.id], targetCompanyId: to };
    const preview = await call(app, moveAdmin, { method: 'POST', url: '/api/v1/devices/move/preview', payload: body });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p).toMatchObject({
      devices: 2,
      target: { id: to },
      sources: [{ id: from, devices: 2 }],
      loseCount: 1,
      gainCount: 1,
    });
    expect(p.lose.map((u: { id: string }) => u.id)).toEqual([stayer.id]);
    expect(p.gain.map((u: { id: string }) => u.id)).toEqual([arriving.id]);
    expect(p.lose.concat(p.gain).map((u: { id: string }) => u.id)).not.toContain(both.id);
    expect(await statusOf(a.id)).toBe('online');
    expect((await get(stayerSession, `/api/v1/devices/${a.id}`)).statusCode).toBe(200);

    const move = await call(app, moveAdmin, { method: 'POST', url: '/api/v1/devices/move', payload: body });
    expect(move.statusCode, move.body).toBe(200);
    expect(move.json()).toEqual({ moved: 2, targetCompanyId: to });
    expect((await get(stayerSession, `/api/v1/devices/${a.id}`)).statusCode).toBe(404);
    expect((await get(stayerSession, '/api/v1/devices')).json().items.map((d: { id: string }) => d.id)).not.toContain(
      b.id,
    );
    const audit = first(await auditRowsOf(db, to, 'device.move'));
    expect(audit.before).toMatchObject({ companies: [{ id: from, devices: 2 }] });
    expect(audit.after).toMatchObject({
      moved: 2,
      lost: { count: 1, users: [{ id: stayer.id }] },
      gained: { count: 1, users: [{ id: arriving.id }] },
    });
  });

  it('moves nothing when one device is invisible or missing (404), or the target is not a visible company (400)', async () => {
    const a = await aDevice(db, acc.id, from);
    const foreign = await aDevice(db, other.id, other.companyIds[0]);
    for (const deviceIds of [
      [a.id, foreign.id],
      [a.id, missingId],
    ]) {
      const res = await call(app, moveAdmin, {
        method: 'POST',
        url: '/api/v1/devices/move',
        payload: { deviceIds, targetCompanyId: elsewhere },
      });
      expect(res.statusCode).toBe(404);
    }
    for (const targetCompanyId of [other.companyIds[0], missingId]) {
      const res = await call(app, moveAdmin, {
        method: 'POST',
        url: '/api/v1/devices/move',
        payload: { deviceIds: [a.id], targetCompanyId },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('targetCompanyId');
    }
    expect(
      (
        await call(app, moveAdmin, {
          method: 'POST',
          url: '/api/v1/devices/move',
          payload: { deviceIds: [], targetCompanyId: to },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call(app, stayerSession, {
          method: 'POST',
          url: '/api/v1/devices/move',
          payload: { deviceIds: [a.id], targetCompanyId: to },
        })
      ).statusCode,
    ).toBe(403);
    const row = await deviceRow(db, a.id);
    expect(row.companyId).toBe(from);
  });

  it("the company page's move carries all of a company's devices through the same move, audited alike", async () => {
    await aDevice(db, acc.id, elsewhere);
    await aDevice(db, acc.id, elsewhere);
    const res = await call(app, moveAdmin, {
      method: 'POST',
      url: `/api/v1/companies/${elsewhere}/move-devices`,
      payload: { targetCompanyId: from },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ moved: 2, targetCompanyId: from });
    const audits = await auditRowsOf(db, from, 'device.move');
    expect(audits).toHaveLength(1);
  });
});
