import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  aDevice,
  anAccount,
  auditRowsOf,
  auditRowsOfAccount,
  countOf,
  aUser,
  dataKeyOf,
  first,
  withCompanyFilter,
} from '../support/builders/index.js';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';

const { app, database } = await createTestApp();
const db = database.db;

const account = await anAccount(db, { name: 'Comp', companies: 2 });
const [firstId, secondId] = account.companyIds;
const other = await anAccount(db, { name: 'Elsewhere', companies: 2 });
const admin = await signIn(app, account.admin.email);
const technician = await aUser(db, account, { role: 'technician', companies: [firstId] });
const viewer = await aUser(db, account, { role: 'viewer', companies: [firstId] });
const tech = await signIn(app, technician.email);
const view = await signIn(app, viewer.email);
const otherAdmin = await signIn(app, other.admin.email);
const missingId = '00000000-0000-4000-8000-000000000000';

async function addDevices(accountId: string, companyId: string, count: number) {
  for (let i = 0; i < count; i++) await aDevice(db, accountId, companyId, { name: `pc-${i}` });
}
const deviceCount = (companyId: string) =>
  countOf(db, sql`select count(*)::int as n from devices where company_id = ${companyId}`);

async function create(name: string, caller: Caller = admin, color?: string) {
  const res = await call(app, caller, {
    method: 'POST',
    url: '/api/v1/companies',
    payload: { name, ...(color ? { color } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string; color: string | null; dataKey: string };
}

const stringify = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
const get = (caller: Caller, url: string) => call(app, caller, { method: 'GET', url });
const auditOf = (action: string, objectId: string) => auditRowsOf(db, objectId, action);

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17, 1),
]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 2)]);
const webp = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([24, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(16, 3),
]);
const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(20, 4)]);
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const putLogo = (caller: Caller, id: string, body: Buffer, type: string) =>
  call(app, caller, {
    method: 'PUT',
    url: `/api/v1/companies/${id}/logo`,
    payload: body,
    headers: { 'content-type': type },
  });

describe('creating and editing companies', () => {
  it('creates a company with a colour, audited, with abilities for the administrator', async () => {
    const res = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/companies',
      payload: { name: '  Initech  ', color: '#A1B2C3' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      name: 'Initech',
      color: '#a1b2c3',
      usersCount: 1,
      devicesCount: 0,
      logo: null,
      dataKeyRotatedAt: null,
    });
    expect(body.dataKey).toMatch(/^tdk_[0-9a-f]{64}$/);
    expect(body.abilities).toEqual({
      update: true,
      delete: true,
      viewDataKey: true,
      rotateDataKey: true,
      moveDevices: true,
      clearInventory: true,
      viewAccess: true,
      manageAccess: true,
    });
    const event = first(await auditOf('company.create', body.id));
    expect(event.after).toEqual({ name: 'Initech', color: '#a1b2c3' });
    expect(stringify(event)).not.toContain(body.dataKey);
  });

  it('keeps names unique in the account whatever their case, through the unique index', async () => {
    const globex = await create('Globex');
    for (const name of ['GLOBEX', 'globex', ' Globex ']) {
      const res = await call(app, admin, { method: 'POST', url: '/api/v1/companies', payload: { name } });
      expect(res.statusCode, name).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'conflict', details: { field: 'name' } });
    }
    const initrode = await create('Initrode');
    const rename = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${initrode.id}`,
      payload: { name: 'gLoBeX' },
    });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.details).toEqual({ reason: 'name_taken', field: 'name' });
    // a company may change the case of its own name; another account may use the same name
    const recase = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${globex.id}`,
      payload: { name: 'GLOBEX' },
    });
    expect(recase.statusCode, recase.body).toBe(200);
    expect(
      (await call(app, otherAdmin, { method: 'POST', url: '/api/v1/companies', payload: { name: 'Globex' } }))
        .statusCode,
    ).toBe(201);
  });

  it('edits name and colour with before/after in the audit, and refuses bad input with field errors', async () => {
    const c = await create('Hooli', admin, '#000000');
    const res = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${c.id}`,
      payload: { name: 'Hooli XYZ', color: null },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Hooli XYZ', color: null });
    const event = first(await auditOf('company.update', c.id));
    expect(event.before).toEqual({ name: 'Hooli', color: '#000000' });
    expect(event.after).toEqual({ name: 'Hooli XYZ', color: null });

    for (const payload of [
      { color: 'red' },
      { color: '#12345' },
      { color: '#1234567' },
      { name: '' },
      { name: 'x'.repeat(121) },
    ]) {
      const bad = await call(app, admin, { method: 'PATCH', url: `/api/v1/companies/${c.id}`, payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(bad.json().error.code).toBe('validation_failed');
    }
    const unchanged = await get(admin, `/api/v1/companies/${c.id}`);
    expect(unchanged.json()).toMatchObject({ name: 'Hooli XYZ', color: null });
  });
});

describe('listing companies', () => {
  const listAccount = anAccount(db, { name: 'Lister', companies: 1 });

  it('counts users (administrators included) and devices per company, in one page or many', async () => {
    const acc = await listAccount;
    const s = await signIn(app, acc.admin.email);
    const ids = { base: acc.companyIds[0], bravo: '', Alpha: '', charlie: '', Delta: '' };
    for (const name of ['bravo', 'Alpha', 'charlie', 'Delta'] as const) {
      ids[name] = (await create(name, s)).id;
    }
    await aUser(db, acc, { role: 'technician', companies: [ids.Alpha, ids.bravo] });
    await aUser(db, acc, { role: 'viewer', companies: [ids.Alpha] });
    await aUser(db, acc, { role: 'administrator', companies: [] });
    await addDevices(acc.id, ids.charlie, 3);
    await addDevices(acc.id, ids.bravo, 1);

    const all = (await get(s, '/api/v1/companies?limit=200')).json();
    const byName = Object.fromEntries(all.items.map((c: { name: string }) => [c.name, c]));
    // two administrators reach every company; the others add their grants
    expect(byName.Alpha).toMatchObject({ usersCount: 4, devicesCount: 0 });
    expect(byName.bravo).toMatchObject({ usersCount: 3, devicesCount: 1 });
    expect(byName.charlie).toMatchObject({ usersCount: 2, devicesCount: 3 });
    expect(all.items[0]).not.toHaveProperty('dataKey');

    const order = async (query: string) => {
      const names: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const res = await get(s, `/api/v1/companies?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        const page: { items: { name: string }[]; nextCursor: string | null } = res.json();
        expect(page.items.length).toBeLessThanOrEqual(2);
        names.push(...page.items.map((i) => i.name));
        cursor = page.nextCursor;
      }
      return names;
    };
    const baseName = byName[Object.keys(byName).find((n) => n.startsWith('Lister'))!].name;
    expect(await order('sort=name')).toEqual(['Alpha', 'bravo', 'charlie', 'Delta', baseName]);
    expect(await order('sort=name&order=desc')).toEqual([baseName, 'Delta', 'charlie', 'bravo', 'Alpha']);
    expect(await order('sort=createdAt')).toEqual([baseName, 'bravo', 'Alpha', 'charlie', 'Delta']);
    expect(await order('sort=devicesCount&order=desc')).toEqual(expect.arrayContaining(['charlie', 'bravo']));
    expect((await order('sort=devicesCount&order=desc')).slice(0, 2)).toEqual(['charlie', 'bravo']);
    expect((await order('sort=usersCount&order=desc')).slice(0, 2)).toEqual(['Alpha', 'bravo']);
    expect(await order('sort=usersCount')).toHaveLength(5);

    // search ignores case and takes % and _ literally
    expect((await get(s, '/api/v1/companies?q=ALP')).json().items.map((c: { name: string }) => c.name)).toEqual([
      'Alpha',
    ]);
    expect((await get(s, '/api/v1/companies?q=%25')).json().items).toEqual([]);
  });

  it('refuses a forged cursor or one from another sort order', async () => {
    const acc = await listAccount;
    const s = await signIn(app, acc.admin.email);
    expect((await get(s, '/api/v1/companies?cursor=nonsense')).statusCode).toBe(400);
    const first = (await get(s, '/api/v1/companies?limit=1&sort=name')).json();
    const res = await get(s, `/api/v1/companies?limit=1&sort=devicesCount&cursor=${first.nextCursor}`);
    expect(res.statusCode).toBe(400);
    expect((await get(s, '/api/v1/companies?sort=color')).statusCode).toBe(400);
    expect((await get(s, `/api/v1/companies?q=${'x'.repeat(201)}`)).statusCode).toBe(400);
  });
});

describe('companies as choices', () => {
  const choicesAccount = anAccount(db, { name: 'Chooser', companies: 1 });

  it('lists names and colours only, by name whatever the case, page by page, narrowed by q', async () => {
    const acc = await choicesAccount;
    const s = await signIn(app, acc.admin.email);
    for (const name of ['bravo', 'Alpha', 'charlie']) await create(name, s, name === 'Alpha' ? '#ff0000' : undefined);
    await addDevices(acc.id, acc.companyIds[0], 2);
    const names: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await get(s, `/api/v1/companies/choices?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page: { items: Record<string, unknown>[]; nextCursor: string | null } = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const item of page.items) expect(Object.keys(item).sort()).toEqual(['color', 'id', 'name']);
      names.push(...page.items.map((i) => String(i.name)));
      cursor = page.nextCursor;
    }
    expect(names).toEqual(['Alpha', 'bravo', 'charlie', expect.stringMatching(/^Chooser/)]);
    const alpha = (await get(s, '/api/v1/companies/choices?q=ALP')).json();
    expect(alpha.items).toEqual([{ id: expect.any(String), name: 'Alpha', color: '#ff0000' }]);
    expect((await get(s, '/api/v1/companies/choices?q=%25')).json().items).toEqual([]);
  });

  it("shows technicians and viewers only theirs, never another account's; refuses bad cursors and input", async () => {
    for (const caller of [tech, view]) {
      const choices = (await get(caller, '/api/v1/companies/choices')).json();
      expect(choices.items.map((c: { id: string }) => c.id)).toEqual([firstId]);
    }
    const mine = (await get(admin, '/api/v1/companies/choices')).json().items.map((c: { id: string }) => c.id);
    expect(mine).toEqual(expect.arrayContaining([firstId, secondId]));
    expect(mine).not.toContain(other.companyIds[0]);
    expect((await get(admin, '/api/v1/companies/choices?cursor=nonsense')).statusCode).toBe(400);
    // a cursor of the companies list is not one of the choices
    const listed = (await get(admin, '/api/v1/companies?limit=1')).json();
    expect((await get(admin, `/api/v1/companies/choices?cursor=${listed.nextCursor}`)).statusCode).toBe(400);
    expect((await get(admin, `/api/v1/companies/choices?q=${'x'.repeat(201)}`)).statusCode).toBe(400);
    expect((await get(admin, '/api/v1/companies/choices?limit=0')).statusCode).toBe(400);
  });
});

describe('company visibility', () => {
  it('shows technicians and viewers only their companies, read-only, without the data key', async () => {
    for (const caller of [tech, view]) {
      const list = (await get(caller, '/api/v1/companies')).json();
      expect(list.items.map((c: { id: string }) => c.id)).toEqual([firstId]);
      expect(list.items[0].abilities).toMatchObject({
        update: false,
        delete: false,
        rotateDataKey: false,
        clearInventory: false,
        manageAccess: false,
      });
      const one = await get(caller, `/api/v1/companies/${firstId}`);
      expect(one.statusCode).toBe(200);
      expect(one.json().dataKey).toBeNull();
      const actual = await dataKeyOf(db, firstId);
      expect(one.body).not.toContain(actual);
      expect(list).not.toContain(actual);
    }
  });

  it('answers 404 for another company, another account and a missing id; 403 for writes on a visible one', async () => {
    for (const caller of [tech, view]) {
      for (const id of [secondId, other.companyIds[0], missingId]) {
        expect((await get(caller, `/api/v1/companies/${id}`)).statusCode).toBe(404);
        expect(
          (await call(app, caller, { method: 'PATCH', url: `/api/v1/companies/${id}`, payload: { color: '#ffffff' } }))
            .statusCode,
        ).toBe(404);
        expect((await call(app, caller, { method: 'DELETE', url: `/api/v1/companies/${id}` })).statusCode).toBe(404);
        expect(
          (await call(app, caller, { method: 'POST', url: `/api/v1/companies/${id}/data-key/rotate` })).statusCode,
        ).toBe(404);
      }
      expect(
        (
          await call(app, caller, {
            method: 'PATCH',
            url: `/api/v1/companies/${firstId}`,
            payload: { color: '#ffffff' },
          })
        ).statusCode,
      ).toBe(403);
      expect((await call(app, caller, { method: 'DELETE', url: `/api/v1/companies/${firstId}` })).statusCode).toBe(403);
      expect(
        (await call(app, caller, { method: 'POST', url: '/api/v1/companies', payload: { name: 'Nope' } })).statusCode,
      ).toBe(403);
    }
    for (const id of [other.companyIds[0], missingId]) {
      expect((await get(admin, `/api/v1/companies/${id}`)).statusCode).toBe(404);
      expect((await call(app, admin, { method: 'DELETE', url: `/api/v1/companies/${id}` })).statusCode).toBe(404);
    }
    expect((await get(admin, '/api/v1/companies/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('the data key', () => {
  it('is rotated by administrators with a confirmation-free API, audited without the keys', async () => {
    const c = await create('Keyed');
    const res = await call(app, admin, { method: 'POST', url: `/api/v1/companies/${c.id}/data-key/rotate` });
    expect(res.statusCode, res.body).toBe(200);
    const rotated = res.json();
    expect(rotated.dataKey).toMatch(/^tdk_[0-9a-f]{64}$/);
    expect(rotated.dataKey).not.toBe(c.dataKey);
    expect(Date.parse(rotated.dataKeyRotatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await dataKeyOf(db, c.id)).toBe(rotated.dataKey);
    expect((await get(admin, `/api/v1/companies/${c.id}`)).json()).toMatchObject({
      dataKey: rotated.dataKey,
      dataKeyRotatedAt: rotated.dataKeyRotatedAt,
    });
    const event = first(await auditOf('company.rotate_data_key', c.id));
    expect(event.before).toEqual({ dataKeyRotatedAt: null });
    expect(event.after).toEqual({ dataKeyRotatedAt: rotated.dataKeyRotatedAt });
    const everything = stringify(await auditRowsOfAccount(db, account.id));
    expect(everything).not.toContain(c.dataKey);
    expect(everything).not.toContain(rotated.dataKey);
  });

  it('is refused to technicians and viewers (403), and its rotation changes nothing for them', async () => {
    const before = await dataKeyOf(db, firstId);
    for (const caller of [tech, view]) {
      const res = await call(app, caller, { method: 'POST', url: `/api/v1/companies/${firstId}/data-key/rotate` });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(before);
    }
    expect(await dataKeyOf(db, firstId)).toBe(before);
  });
});

describe('deleting a company', () => {
  it('refuses to delete the last company', async () => {
    const solo = await anAccount(db, { name: 'Solo', companies: 1 });
    const s = await signIn(app, solo.admin.email);
    const res = await call(app, s, { method: 'DELETE', url: `/api/v1/companies/${solo.companyIds[0]}` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toEqual({ reason: 'last_company' });
  });

  it('refuses while the company has devices, with the count; move or clear them, then it goes', async () => {
    const c = await create('Full of devices');
    await addDevices(account.id, c.id, 4);
    const res = await call(app, admin, { method: 'DELETE', url: `/api/v1/companies/${c.id}` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toEqual({ reason: 'has_devices', deviceCount: 4 });
    expect(await deviceCount(c.id)).toBe(4);

    const target = await create('Device shelter');
    const move = await call(app, admin, {
      method: 'POST',
      url: `/api/v1/companies/${c.id}/move-devices`,
      payload: { targetCompanyId: target.id },
    });
    expect(move.statusCode, move.body).toBe(200);
    expect(move.json()).toEqual({ moved: 4, targetCompanyId: target.id });
    expect(await deviceCount(target.id)).toBe(4);
    expect((await get(admin, `/api/v1/companies/${target.id}`)).json().devicesCount).toBe(4);

    const gone = await call(app, admin, { method: 'DELETE', url: `/api/v1/companies/${c.id}` });
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await get(admin, `/api/v1/companies/${c.id}`)).statusCode).toBe(404);
    const event = first(await auditOf('company.delete', c.id));
    expect(event.before).toEqual({ name: 'Full of devices', color: null });
  });

  it('refuses when users would be left with no company, and lists them (administrators never count)', async () => {
    const c = await create('Only home');
    const stranded = await aUser(db, account, { role: 'technician', companies: [c.id] });
    const strandedViewer = await aUser(db, account, { role: 'viewer', companies: [c.id], status: 'disabled' });
    await aUser(db, account, { role: 'technician', companies: [c.id, firstId] });
    await aUser(db, account, { role: 'administrator', companies: [c.id] });
    const res = await call(app, admin, { method: 'DELETE', url: `/api/v1/companies/${c.id}` });
    expect(res.statusCode).toBe(409);
    const details = res.json().error.details;
    expect(details.reason).toBe('users_left_without_company');
    expect(details.userCount).toBe(2);
    expect(details.users.map((u: { id: string }) => u.id).sort()).toEqual([stranded.id, strandedViewer.id].sort());
    expect(details.users[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      email: expect.stringContaining('@'),
    });
    expect((await get(admin, `/api/v1/companies/${c.id}`)).statusCode).toBe(200);

    // give them another company and the delete goes through; the switcher forgets the company
    for (const u of [stranded, strandedViewer])
      await call(app, admin, { method: 'PUT', url: `/api/v1/companies/${secondId}/users/${u.id}` });
    await withCompanyFilter(db, account.admin.id, c.id);
    expect((await call(app, admin, { method: 'DELETE', url: `/api/v1/companies/${c.id}` })).statusCode).toBe(204);
    expect((await get(admin, '/api/v1/me/company-filter')).json()).toEqual({ companyId: null });
  });
});

describe('devices of a company', () => {
  it('moves all devices only to another visible company of the account', async () => {
    const from = await create('Move source');
    await addDevices(account.id, from.id, 2);
    for (const targetCompanyId of [from.id, other.companyIds[0], missingId]) {
      const res = await call(app, admin, {
        method: 'POST',
        url: `/api/v1/companies/${from.id}/move-devices`,
        payload: { targetCompanyId },
      });
      expect(res.statusCode, targetCompanyId).toBe(400);
      expect(res.json().error.details[0].path).toBe('targetCompanyId');
    }
    expect(await deviceCount(from.id)).toBe(2);
    expect(await auditOf('company.move_devices', from.id)).toEqual([]);
  });

  it('previews moving all devices: how many, from where, who gains and loses sight of them; nothing moves', async () => {
    const from = await create('Preview source');
    const to = await create('Preview target');
    await addDevices(account.id, from.id, 3);
    const watcher = await aUser(db, account, { role: 'technician', companies: [from.id], name: 'Source watcher' });
    const newcomer = await aUser(db, account, { role: 'technician', companies: [to.id], name: 'Target watcher' });
    const preview = (id: string, targetCompanyId: string, caller: Caller = admin) =>
      call(app, caller, {
        method: 'POST',
        url: `/api/v1/companies/${id}/move-devices/preview`,
        payload: { targetCompanyId },
      });

    const res = await preview(from.id, to.id);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      devices: 3,
      target: { id: to.id, name: 'Preview target' },
      sources: [{ id: from.id, name: 'Preview source', devices: 3 }],
      loseCount: 1,
      gainCount: 1,
    });
    expect(body.lose).toEqual([{ id: watcher.id, name: 'Source watcher', email: watcher.email }]);
    expect(body.gain).toEqual([{ id: newcomer.id, name: 'Target watcher', email: newcomer.email }]);
    expect(await deviceCount(from.id)).toBe(3);
    expect(await auditOf('device.move', to.id)).toEqual([]);

    // an empty company: nothing would move, nobody gains or loses sight
    expect((await preview(to.id, from.id)).json()).toMatchObject({
      devices: 0,
      sources: [],
      gainCount: 0,
      loseCount: 0,
    });
    // the move's refusals: the same company, another account's or a missing one on the field; callers who may
    // not move devices; a company of another account
    for (const targetCompanyId of [from.id, other.companyIds[0]!, missingId]) {
      const refused = await preview(from.id, targetCompanyId);
      expect(refused.statusCode, targetCompanyId).toBe(400);
      expect(refused.json().error.details[0].path).toBe('targetCompanyId');
    }
    for (const caller of [tech, view]) expect((await preview(firstId!, secondId!, caller)).statusCode).toBe(403);
    expect((await preview(other.companyIds[0]!, to.id)).statusCode).toBe(404);
  });

  it('clears the inventory only when the name is typed exactly, audited with the count', async () => {
    const c = await create('Clear Me');
    await addDevices(account.id, c.id, 3);
    for (const confirmName of ['clear me', 'Clear Me ', '', 'Clear']) {
      const res = await call(app, admin, {
        method: 'POST',
        url: `/api/v1/companies/${c.id}/clear-inventory`,
        payload: { confirmName },
      });
      expect(res.statusCode, confirmName).toBe(400);
      expect(res.json().error.details[0].path).toBe('confirmName');
    }
    expect(await deviceCount(c.id)).toBe(3);
    for (const caller of [tech, view]) {
      const res = await call(app, caller, {
        method: 'POST',
        url: `/api/v1/companies/${firstId}/clear-inventory`,
        payload: { confirmName: 'x' },
      });
      expect(res.statusCode).toBe(403);
    }
    const res = await call(app, admin, {
      method: 'POST',
      url: `/api/v1/companies/${c.id}/clear-inventory`,
      payload: { confirmName: 'Clear Me' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ deleted: 3 });
    expect(await deviceCount(c.id)).toBe(0);
    const event = first(await auditOf('company.clear_inventory', c.id));
    expect(event.after).toEqual({ deleted: 3 });
  });

  it('keeps technicians and viewers from moving devices', async () => {
    await addDevices(account.id, firstId, 1);
    for (const caller of [tech, view]) {
      const res = await call(app, caller, {
        method: 'POST',
        url: `/api/v1/companies/${firstId}/move-devices`,
        payload: { targetCompanyId: secondId },
      });
      expect(res.statusCode).toBe(403);
    }
    expect(await deviceCount(firstId)).toBe(1);
  });
});

describe('the logo', () => {
  it('accepts PNG, JPEG and WebP and serves them back with their type, nosniff and an ETag', async () => {
    const c = await create('Logo Corp');
    for (const [bytes, type] of [
      [png, 'image/png'],
      [jpeg, 'image/jpeg'],
      [webp, 'image/webp'],
    ] as const) {
      const res = await putLogo(admin, c.id, bytes, type);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ contentType: type, size: bytes.length });
      const served = await get(admin, `/api/v1/companies/${c.id}/logo`);
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe(type);
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.rawPayload.equals(bytes)).toBe(true);
      const etag = served.headers.etag as string;
      expect(etag).toBe(`"${res.json().sha256}"`);
      const again = await call(app, admin, {
        method: 'GET',
        url: `/api/v1/companies/${c.id}/logo`,
        headers: { 'if-none-match': etag },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    }
    const listed = (await get(admin, `/api/v1/companies/${c.id}`)).json();
    expect(listed.logo).toMatchObject({
      contentType: 'image/webp',
      url: expect.stringContaining(`/api/v1/companies/${c.id}/logo?v=`),
    });
    const events = await auditOf('company.update_logo', c.id);
    expect(events).toHaveLength(3);
  });

  it('refuses SVG, other types, lying headers and bodies over 512 KB, changing nothing', async () => {
    const c = await create('Strict Logo');
    const cases: [Buffer, string, number][] = [
      [svg, 'image/svg+xml', 415],
      [gif, 'image/gif', 415],
      [gif, 'image/png', 415],
      [svg, 'image/png', 415],
      [jpeg, 'image/png', 415],
      [png, 'image/webp', 415],
      [Buffer.alloc(0), 'image/png', 415],
      [png, 'text/plain', 415],
      [Buffer.concat([png, Buffer.alloc(512 * 1024)]), 'image/png', 413],
    ];
    for (const [bytes, type, status] of cases) {
      const res = await putLogo(admin, c.id, bytes, type);
      expect(res.statusCode, `${type} ${bytes.subarray(0, 4).toString('hex')}`).toBe(status);
      expect(res.json().error.code).toBe(status === 413 ? 'payload_too_large' : 'unsupported_media_type');
    }
    const json = await call(app, admin, {
      method: 'PUT',
      url: `/api/v1/companies/${c.id}/logo`,
      payload: { image: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const untyped = await app.inject({
      method: 'PUT',
      url: `/api/v1/companies/${c.id}/logo`,
      payload: png,
      headers: { ...admin.headers },
    });
    expect(untyped.statusCode).toBe(415);
    expect((await putLogo(admin, c.id, png, 'image/png; charset=binary')).statusCode).toBe(200);
    expect((await call(app, admin, { method: 'DELETE', url: `/api/v1/companies/${c.id}/logo` })).statusCode).toBe(204);
    // exactly 512 KB is allowed
    const max = Buffer.concat([png, Buffer.alloc(512 * 1024 - png.length)]);
    expect((await putLogo(admin, c.id, max, 'image/png')).statusCode).toBe(200);
    expect((await auditOf('company.update_logo', c.id)).length).toBe(2);
  });

  it('is readable by those who see the company, changed by administrators only, and removable', async () => {
    expect((await putLogo(admin, firstId, png, 'image/png')).statusCode).toBe(200);
    expect((await putLogo(admin, secondId, png, 'image/png')).statusCode).toBe(200);
    expect((await get(tech, `/api/v1/companies/${firstId}/logo`)).statusCode).toBe(200);
    expect((await get(view, `/api/v1/companies/${firstId}/logo`)).statusCode).toBe(200);
    expect((await get(tech, `/api/v1/companies/${secondId}/logo`)).statusCode).toBe(404);
    expect((await get(otherAdmin, `/api/v1/companies/${firstId}/logo`)).statusCode).toBe(404);
    expect((await putLogo(tech, firstId, jpeg, 'image/jpeg')).statusCode).toBe(403);
    expect((await putLogo(tech, secondId, jpeg, 'image/jpeg')).statusCode).toBe(404);
    expect((await call(app, view, { method: 'DELETE', url: `/api/v1/companies/${firstId}/logo` })).statusCode).toBe(
      403,
    );

    expect((await call(app, admin, { method: 'DELETE', url: `/api/v1/companies/${firstId}/logo` })).statusCode).toBe(
      204,
    );
    expect((await get(admin, `/api/v1/companies/${firstId}/logo`)).statusCode).toBe(404);
    expect((await get(admin, `/api/v1/companies/${firstId}`)).json().logo).toBeNull();
    expect((await auditOf('company.delete_logo', firstId)).length).toBe(1);
  });
});

describe('user access', () => {
  it('lists who can reach a company (administrators: all) and who could be given it', async () => {
    const colleague = await aUser(db, account, { role: 'technician', companies: [secondId] });
    const res = await get(admin, `/api/v1/companies/${firstId}/users?limit=200`);
    expect(res.statusCode, res.body).toBe(200);
    const access = res.json().items as { id: string; access: string }[];
    expect(access.find((u) => u.id === account.admin.id)?.access).toBe('all');
    expect(access.find((u) => u.id === technician.id)?.access).toBe('granted');
    expect(access.some((u) => u.id === colleague.id)).toBe(false);
    const candidates = (await get(admin, `/api/v1/companies/${firstId}/users?scope=candidates&limit=200`)).json()
      .items as { id: string; access: string }[];
    expect(candidates.find((u) => u.id === colleague.id)?.access).toBe('none');
    expect(candidates.some((u) => u.id === account.admin.id || u.id === technician.id)).toBe(false);

    // technicians and viewers read it, read-only, for their companies
    expect((await get(tech, `/api/v1/companies/${firstId}/users`)).statusCode).toBe(200);
    expect((await get(tech, `/api/v1/companies/${secondId}/users`)).statusCode).toBe(404);
    expect((await get(view, `/api/v1/companies/${firstId}/users`)).statusCode).toBe(200);
    expect((await get(view, `/api/v1/companies/${secondId}/users`)).statusCode).toBe(404);
  });

  it('grants and removes access; the change applies on the next request; a last company stays', async () => {
    const c = await create('Granted Co');
    const worker = await aUser(db, account, { role: 'technician', companies: [firstId] });
    const session = await signIn(app, worker.email);
    expect((await get(session, `/api/v1/companies/${c.id}`)).statusCode).toBe(404);

    expect(
      (await call(app, admin, { method: 'PUT', url: `/api/v1/companies/${c.id}/users/${worker.id}` })).statusCode,
    ).toBe(204);
    expect((await get(session, `/api/v1/companies/${c.id}`)).statusCode).toBe(200);
    // granting twice changes nothing
    expect(
      (await call(app, admin, { method: 'PUT', url: `/api/v1/companies/${c.id}/users/${worker.id}` })).statusCode,
    ).toBe(204);
    const grants = await auditOf('user.grant_company', worker.id);
    expect(grants).toHaveLength(1);
    expect(first(grants).after).toEqual({ companyIds: [firstId, c.id].sort() });

    expect(
      (await call(app, tech, { method: 'DELETE', url: `/api/v1/companies/${firstId}/users/${worker.id}` })).statusCode,
    ).toBe(403);
    expect(
      (await call(app, admin, { method: 'DELETE', url: `/api/v1/companies/${firstId}/users/${worker.id}` })).statusCode,
    ).toBe(204);
    expect((await get(session, `/api/v1/companies/${firstId}`)).statusCode).toBe(404);
    const last = await call(app, admin, { method: 'DELETE', url: `/api/v1/companies/${c.id}/users/${worker.id}` });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.details).toEqual({ reason: 'only_company' });

    // administrators have every company; another account's user is not found
    expect(
      (await call(app, admin, { method: 'PUT', url: `/api/v1/companies/${c.id}/users/${account.admin.id}` }))
        .statusCode,
    ).toBe(409);
    expect(
      (await call(app, admin, { method: 'DELETE', url: `/api/v1/companies/${c.id}/users/${account.admin.id}` }))
        .statusCode,
    ).toBe(409);
    expect(
      (await call(app, admin, { method: 'PUT', url: `/api/v1/companies/${c.id}/users/${other.admin.id}` })).statusCode,
    ).toBe(404);
    expect(
      (await call(app, admin, { method: 'PUT', url: `/api/v1/companies/${c.id}/users/${missingId}` })).statusCode,
    ).toBe(404);
  });
});

describe('the company switcher', () => {
  it('remembers the choice per user, only among companies they can see', async () => {
    expect((await get(tech, '/api/v1/me/company-filter')).json()).toEqual({ companyId: null });
    const set = await call(app, tech, {
      method: 'PUT',
      url: '/api/v1/me/company-filter',
      payload: { companyId: firstId },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((await get(tech, '/api/v1/me/company-filter')).json()).toEqual({ companyId: firstId });
    // another user keeps their own choice
    expect((await get(view, '/api/v1/me/company-filter')).json()).toEqual({ companyId: null });

    for (const companyId of [secondId, other.companyIds[0], missingId]) {
      expect(
        (await call(app, tech, { method: 'PUT', url: '/api/v1/me/company-filter', payload: { companyId } })).statusCode,
      ).toBe(404);
    }
    expect((await get(tech, '/api/v1/me/company-filter')).json()).toEqual({ companyId: firstId });
    expect(
      (await call(app, tech, { method: 'PUT', url: '/api/v1/me/company-filter', payload: { companyId: 'nope' } }))
        .statusCode,
    ).toBe(400);
    expect((await call(app, tech, { method: 'PUT', url: '/api/v1/me/company-filter', payload: {} })).statusCode).toBe(
      400,
    );

    expect(
      (await call(app, tech, { method: 'PUT', url: '/api/v1/me/company-filter', payload: { companyId: null } })).json(),
    ).toEqual({ companyId: null });
    expect((await get(tech, '/api/v1/me/company-filter')).json()).toEqual({ companyId: null });
  });

  it('forgets a company the user can no longer see', async () => {
    const worker = await aUser(db, account, { role: 'technician', companies: [firstId, secondId] });
    const session = await signIn(app, worker.email);
    await call(app, session, { method: 'PUT', url: '/api/v1/me/company-filter', payload: { companyId: secondId } });
    expect((await get(session, '/api/v1/me/company-filter')).json()).toEqual({ companyId: secondId });
    await call(app, admin, { method: 'DELETE', url: `/api/v1/companies/${secondId}/users/${worker.id}` });
    expect((await get(session, '/api/v1/me/company-filter')).json()).toEqual({ companyId: null });
  });
});

describe('the company label', () => {
  const label = { en: { singular: 'Site', plural: 'Sites' }, fr: { singular: 'Site', plural: 'Sites' } };

  it('is set by administrators, returned by /me, audited with before and after, and reset with null', async () => {
    const res = await call(app, admin, {
      method: 'PUT',
      url: '/api/v1/accounts/current/company-label',
      payload: { companyLabel: label },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().companyLabel).toEqual(label);
    expect((await get(tech, '/api/v1/me')).json().account.companyLabel).toEqual(label);
    // kept where the settings resolver reads it, with the settings' own history
    const settings = (await get(admin, '/api/v1/settings')).json();
    const items = settings.items as { key: string; effective: unknown }[];
    expect(items.find((s) => s.key === 'general.companyLabel')?.effective).toEqual(label);
    const event = first(await auditOf('setting.update', 'general.companyLabel'));
    expect(event.before).toEqual({ value: null, locked: false });
    expect(event.after).toEqual({ value: label, locked: false });
    // another account is untouched
    expect((await get(otherAdmin, '/api/v1/me')).json().account.companyLabel).toBeNull();

    const reset = await call(app, admin, {
      method: 'PUT',
      url: '/api/v1/accounts/current/company-label',
      payload: { companyLabel: null },
    });
    expect(reset.json().companyLabel).toBeNull();
    const cleared = (await get(admin, '/api/v1/settings')).json();
    expect(
      (cleared.items as { key: string; effective: unknown }[]).find((s) => s.key === 'general.companyLabel')?.effective,
    ).toBeNull();
  });

  it('refuses technicians, viewers and bad words', async () => {
    for (const caller of [tech, view]) {
      expect(
        (
          await call(app, caller, {
            method: 'PUT',
            url: '/api/v1/accounts/current/company-label',
            payload: { companyLabel: label },
          })
        ).statusCode,
      ).toBe(403);
    }
    for (const companyLabel of [
      { en: label.en },
      { ...label, fr: { singular: 'Site', plural: ' ' } },
      { ...label, en: { singular: 'x'.repeat(41), plural: 'Sites' } },
    ]) {
      expect(
        (
          await call(app, admin, {
            method: 'PUT',
            url: '/api/v1/accounts/current/company-label',
            payload: { companyLabel },
          })
        ).statusCode,
      ).toBe(400);
    }
    expect((await get(admin, '/api/v1/me')).json().account.companyLabel).toBeNull();
  });
});
