import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { defaultLicence, licenceBounds } from '../../src/shared/licence.js';
import { userSeats } from '../../src/server/modules/seats/index.js';
import {
  aDevice,
  anAccount,
  auditRowsOfAccount,
  aUser,
  countOf,
  first,
  nth,
  type TestAccount,
} from '../support/builders/index.js';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';

const { app, database } = await createTestApp();
const db = database.db;

const seatsOf = (caller: Caller) => call(app, caller, { method: 'GET', url: '/api/v1/seats' });
const setLicence = (caller: Caller, payload: object) =>
  call(app, caller, { method: 'PATCH', url: '/api/v1/seats', payload });
const assign = (caller: Caller, module: string, userId: string) =>
  call(app, caller, { method: 'POST', url: `/api/v1/seats/${module}/assignments`, payload: { userId } });
const release = (caller: Caller, module: string, userId: string) =>
  call(app, caller, { method: 'DELETE', url: `/api/v1/seats/${module}/assignments/${userId}` });
const auditOf = (accountId: string, action: string) => auditRowsOfAccount(db, accountId, action);
const assignmentCount = (accountId: string) =>
  countOf(db, sql`select count(*)::int as n from seat_assignments where account_id = ${accountId}`);

async function adminOf(account: TestAccount) {
  return signIn(app, account.admin.email);
}

describe('the licence', () => {
  it('shows the defaults, usage and abilities to an administrator', async () => {
    const account = await anAccount(db, { name: 'Lic', companies: 1 });
    const res = await seatsOf(await adminOf(account));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.licence).toMatchObject({ remoteSupportSeats: 5, serviceDeskSeats: 5, deviceLimit: 100 });
    expect(
      body.modules.map((m: { module: string; used: number; total: number }) => [m.module, m.used, m.total]),
    ).toEqual([
      ['remoteSupport', 0, 5],
      ['serviceDesk', 0, 5],
    ]);
    expect(body.devices).toEqual({ used: 0, limit: 100 });
    expect(body.abilities).toEqual({ update: true });
  });

  it('is read-only for technicians and viewers (listing only holders of their companies)', async () => {
    const account = await anAccount(db, { name: 'Ro', companies: 2 });
    const admin = await adminOf(account);
    const tech = await aUser(db, account, { role: 'technician', companies: [account.companyIds[0]] });
    const elsewhere = await aUser(db, account, { role: 'technician', companies: [account.companyIds[1]] });
    const viewer = await aUser(db, account, { role: 'viewer' });
    expect((await assign(admin, 'remoteSupport', tech.id)).statusCode).toBe(201);
    expect((await assign(admin, 'remoteSupport', elsewhere.id)).statusCode).toBe(201);
    expect((await assign(admin, 'remoteSupport', account.admin.id)).statusCode).toBe(201);

    const techSession = await signIn(app, tech.email);
    const res = await seatsOf(techSession);
    expect(res.statusCode).toBe(200);
    const remote = res.json().modules[0];
    expect(remote.used).toBe(3);
    // the administrator has every company, so shares the technician's; the other technician does not
    expect(remote.holders.map((h: { userId: string }) => h.userId).sort()).toEqual([tech.id, account.admin.id].sort());
    expect(remote.hiddenHolders).toBe(1);
    expect(res.json().abilities).toEqual({ update: false });
    expect((await setLicence(techSession, { remoteSupportSeats: 9 })).statusCode).toBe(403);
    expect((await assign(techSession, 'serviceDesk', tech.id)).statusCode).toBe(403);
    expect((await release(techSession, 'remoteSupport', tech.id)).statusCode).toBe(403);
    const asViewer = await seatsOf(await signIn(app, viewer.email));
    expect(asViewer.statusCode).toBe(200);
    expect(asViewer.json().abilities?.update ?? false).toBe(false);
    expect((await seatsOf(admin)).json().modules[0].holders).toHaveLength(3);
  });

  it('changes counts and the device limit, audited with before and after', async () => {
    const account = await anAccount(db, { name: 'Edit', companies: 1 });
    const admin = await adminOf(account);
    const res = await setLicence(admin, { remoteSupportSeats: 12, deviceLimit: 250 });
    expect(res.statusCode).toBe(200);
    expect(res.json().licence).toMatchObject({ remoteSupportSeats: 12, serviceDeskSeats: 5, deviceLimit: 250 });
    const event = first(await auditOf(account.id, 'licence.update'));
    expect(event.before).toEqual({ remoteSupportSeats: 5, serviceDeskSeats: 5, deviceLimit: 100 });
    expect(event.after).toEqual({ remoteSupportSeats: 12, serviceDeskSeats: 5, deviceLimit: 250 });
    // the same values again change nothing and record nothing
    expect((await setLicence(admin, { remoteSupportSeats: 12 })).statusCode).toBe(200);
    expect(await auditOf(account.id, 'licence.update')).toHaveLength(1);
  });

  it('refuses a count below the seats in use, naming the module, the count and the seats in use', async () => {
    const account = await anAccount(db, { name: 'Lower', companies: 1 });
    const admin = await adminOf(account);
    for (const role of ['technician', 'technician', 'administrator'] as const) {
      const user = await aUser(db, account, { role });
      expect((await assign(admin, 'serviceDesk', user.id)).statusCode).toBe(201);
    }
    const res = await setLicence(admin, { serviceDeskSeats: 2, deviceLimit: 7 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      'The Service Desk seat count cannot be 2: 3 seats are in use. Release seats first.',
    );
    expect(res.json().error.details).toEqual({
      reason: 'count_below_use',
      module: 'serviceDesk',
      requested: 2,
      inUse: 3,
    });
    // nothing changed, not even the device limit asked in the same request
    expect((await seatsOf(admin)).json().licence).toMatchObject({ serviceDeskSeats: 5, deviceLimit: 100 });
    expect(await auditOf(account.id, 'licence.update')).toHaveLength(0);
    expect((await setLicence(admin, { serviceDeskSeats: 3 })).statusCode).toBe(200);
  });

  it('counts enrolled devices, and refuses a device limit below them', async () => {
    const account = await anAccount(db, { name: 'Dev', companies: 1 });
    const admin = await adminOf(account);
    await aDevice(db, account.id, account.companyIds[0], { name: 'pc-1' });
    await aDevice(db, account.id, account.companyIds[0], { name: 'pc-2' });
    await aDevice(db, account.id, account.companyIds[0], { name: 'gone', revoked: true });
    expect((await seatsOf(admin)).json().devices).toEqual({ used: 2, limit: 100 });
    const res = await setLicence(admin, { deviceLimit: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      'The device limit cannot be 1: 2 devices are enrolled. Remove devices first.',
    );
    expect((await setLicence(admin, { deviceLimit: 2 })).json().devices).toEqual({ used: 2, limit: 2 });
  });

  it('refuses counts out of bounds, unknown fields and wrong types with 400', async () => {
    const account = await anAccount(db, { name: 'Bounds', companies: 1 });
    const admin = await adminOf(account);
    for (const payload of [
      { remoteSupportSeats: -1 },
      { remoteSupportSeats: licenceBounds.seatsMax + 1 },
      { deviceLimit: licenceBounds.deviceLimitMax + 1 },
      { serviceDeskSeats: 2.5 },
      { serviceDeskSeats: '3' },
      { seats: 3 },
    ]) {
      const res = await setLicence(admin, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('refuses a negative count on its field, changing nothing', async () => {
    const account = await anAccount(db, { name: 'Negative', companies: 1 });
    const admin = await adminOf(account);
    const res = await setLicence(admin, { remoteSupportSeats: -5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ path: 'remoteSupportSeats', code: 'too_small', params: { min: 0 } }),
    ]);
    expect((await setLicence(admin, { deviceLimit: 100 })).json().licence.remoteSupportSeats).toBe(
      defaultLicence.remoteSupportSeats,
    );
  });
});

describe('seat assignments', () => {
  it('assigns up to the count, then refuses naming the module and the count', async () => {
    const account = await anAccount(db, { name: 'Limit', companies: 1 });
    const admin = await adminOf(account);
    expect((await setLicence(admin, { remoteSupportSeats: 2 })).statusCode).toBe(200);
    const [a, b, c] = [
      await aUser(db, account, { role: 'technician' }),
      await aUser(db, account, { role: 'technician' }),
      await aUser(db, account, { role: 'technician' }),
    ];
    const first = await assign(admin, 'remoteSupport', a.id);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ module: 'remoteSupport', userId: a.id, assignedBy: account.admin.id });
    expect((await assign(admin, 'remoteSupport', b.id)).statusCode).toBe(201);
    const refused = await assign(admin, 'remoteSupport', c.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      'All 2 Remote Support seats of the licence are in use. Release a seat or raise the Remote Support seat count first.',
    );
    expect(refused.json().error.details).toEqual({
      reason: 'seats_exhausted',
      module: 'remoteSupport',
      seats: 2,
      inUse: 2,
    });
    // the other module has its own count
    expect((await assign(admin, 'serviceDesk', c.id)).statusCode).toBe(201);
    // a released seat can be given to someone else
    expect((await release(admin, 'remoteSupport', a.id)).statusCode).toBe(204);
    expect((await assign(admin, 'remoteSupport', c.id)).statusCode).toBe(201);
    const overview = (await seatsOf(admin)).json();
    expect(overview.modules[0]).toMatchObject({ used: 2, total: 2 });
    expect(overview.modules[0].holders.map((h: { userId: string }) => h.userId).sort()).toEqual([b.id, c.id].sort());
  });

  it('gives the last seat to exactly one of two concurrent assignments', async () => {
    const account = await anAccount(db, { name: 'Race', companies: 1 });
    const admin = await adminOf(account);
    for (let round = 0; round < 4; round++) {
      const used = (await seatsOf(admin)).json().modules[0].used as number;
      expect((await setLicence(admin, { remoteSupportSeats: used + 1 })).statusCode).toBe(200);
      const [x, y] = [
        await aUser(db, account, { role: 'technician' }),
        await aUser(db, account, { role: 'technician' }),
      ];
      const results = await Promise.all([assign(admin, 'remoteSupport', x.id), assign(admin, 'remoteSupport', y.id)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect((await seatsOf(admin)).json().modules[0]).toMatchObject({ used: used + 1, total: used + 1 });
    }
  });

  it('is idempotent for a seat already held: 200, no second row, no second audit event', async () => {
    const account = await anAccount(db, { name: 'Again', companies: 1 });
    const admin = await adminOf(account);
    const user = await aUser(db, account, { role: 'technician' });
    expect((await assign(admin, 'remoteSupport', user.id)).statusCode).toBe(201);
    const again = await assign(admin, 'remoteSupport', user.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().userId).toBe(user.id);
    expect(await assignmentCount(account.id)).toBe(1);
    expect(await auditOf(account.id, 'seat.assign')).toHaveLength(1);
  });

  it('refuses seats for viewers and disabled users with a clear 409, changing nothing', async () => {
    const account = await anAccount(db, { name: 'Who', companies: 1 });
    const admin = await adminOf(account);
    const viewer = await aUser(db, account, { role: 'viewer' });
    const disabled = await aUser(db, account, { role: 'technician', status: 'disabled' });
    const v = await assign(admin, 'remoteSupport', viewer.id);
    expect(v.statusCode).toBe(409);
    expect(v.json().error.message).toBe(
      'Test viewer is a viewer: viewers cannot hold a Remote Support seat. Make them a technician first.',
    );
    expect(v.json().error.details.reason).toBe('role_cannot_hold');
    const d = await assign(admin, 'serviceDesk', disabled.id);
    expect(d.statusCode).toBe(409);
    expect(d.json().error.message).toBe(
      'Test technician is disabled: a disabled user cannot receive a Service Desk seat. Enable them first.',
    );
    expect(await assignmentCount(account.id)).toBe(0);
    expect(await auditOf(account.id, 'seat.assign')).toHaveLength(0);
  });

  it('answers 404 for a user of another account or a missing one, and for releasing a seat not held', async () => {
    const account = await anAccount(db, { name: 'Mine', companies: 1 });
    const other = await anAccount(db, { name: 'Theirs', companies: 1 });
    const admin = await adminOf(account);
    const otherAdmin = await adminOf(other);
    const stranger = await aUser(db, other, { role: 'technician' });
    expect((await assign(otherAdmin, 'remoteSupport', stranger.id)).statusCode).toBe(201);

    const cross = await assign(admin, 'remoteSupport', stranger.id);
    expect(cross.statusCode).toBe(404);
    expect(cross.json().error.message).toBe('This user does not exist or you cannot see it.');
    expect((await assign(admin, 'remoteSupport', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await release(admin, 'remoteSupport', stranger.id)).statusCode).toBe(404);
    expect(await assignmentCount(other.id)).toBe(1);

    const user = await aUser(db, account, { role: 'technician' });
    const notHeld = await release(admin, 'serviceDesk', user.id);
    expect(notHeld.statusCode).toBe(404);
    expect(notHeld.json().error.message).toBe('Test technician does not hold a Service Desk seat.');
  });

  it('audits assignments and releases', async () => {
    const account = await anAccount(db, { name: 'Trail', companies: 1 });
    const admin = await adminOf(account);
    const user = await aUser(db, account, { role: 'technician' });
    await assign(admin, 'serviceDesk', user.id);
    await release(admin, 'serviceDesk', user.id);
    const assigned = first(await auditOf(account.id, 'seat.assign'));
    expect(assigned.objectId).toBe(user.id);
    expect(assigned.after).toMatchObject({
      module: 'serviceDesk',
      user: { id: user.id, email: user.email },
      seatsInUse: 1,
      seats: 5,
    });
    const released = first(await auditOf(account.id, 'seat.release'));
    expect(released.before).toMatchObject({ module: 'serviceDesk', user: { id: user.id } });
  });

  it('refuses an unknown module or a malformed user id with 400', async () => {
    const account = await anAccount(db, { name: 'Bad', companies: 1 });
    const admin = await adminOf(account);
    expect((await assign(admin, 'chat', account.admin.id)).statusCode).toBe(400);
    expect(
      (
        await call(app, admin, {
          method: 'POST',
          url: '/api/v1/seats/remoteSupport/assignments',
          payload: { userId: 'nope' },
        })
      ).statusCode,
    ).toBe(400);
    expect((await release(admin, 'remoteSupport', 'nope')).statusCode).toBe(400);
  });
});

describe('candidates, my seats and the helpers other modules use', () => {
  it('lists who may receive a seat: not viewers, not disabled, not holding it; with search and pages', async () => {
    const account = await anAccount(db, { name: 'Cand', companies: 1 });
    const admin = await adminOf(account);
    const techs = [
      await aUser(db, account, { role: 'technician' }),
      await aUser(db, account, { role: 'technician' }),
      await aUser(db, account, { role: 'technician' }),
    ];
    await aUser(db, account, { role: 'viewer' });
    await aUser(db, account, { role: 'technician', status: 'disabled' });
    await assign(admin, 'remoteSupport', nth(techs, 0).id);
    const list = async (query: string) =>
      (await call(app, admin, { method: 'GET', url: `/api/v1/seats/candidates?${query}` })).json();
    const all = await list('module=remoteSupport');
    expect(all.items.map((u: { id: string }) => u.id).sort()).toEqual(
      [account.admin.id, nth(techs, 1).id, nth(techs, 2).id].sort(),
    );
    expect((await list('module=serviceDesk')).items).toHaveLength(4);
    expect(
      (await list(`module=remoteSupport&search=${encodeURIComponent(nth(techs, 2).email.slice(0, 18))}`)).items.map(
        (u: { id: string }) => u.id,
      ),
    ).toEqual([nth(techs, 2).id]);
    const first = await list('module=serviceDesk&limit=3');
    expect(first.items).toHaveLength(3);
    const second = await list(`module=serviceDesk&limit=3&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((u: { id: string }) => u.id)).size).toBe(4);
    expect(
      (
        await call(app, admin, { method: 'GET', url: '/api/v1/seats/candidates?module=remoteSupport&search=%25' })
      ).json().items,
    ).toHaveLength(0);
    expect((await call(app, admin, { method: 'GET', url: '/api/v1/seats/candidates' })).statusCode).toBe(400);
  });

  it('tells each user which modules they hold a seat of', async () => {
    const account = await anAccount(db, { name: 'MySeats', companies: 1 });
    const admin = await adminOf(account);
    const tech = await aUser(db, account, { role: 'technician' });
    await assign(admin, 'serviceDesk', tech.id);
    const techSession = await signIn(app, tech.email);
    expect((await call(app, techSession, { method: 'GET', url: '/api/v1/me/seats' })).json()).toEqual({
      modules: ['serviceDesk'],
    });
    expect((await call(app, admin, { method: 'GET', url: '/api/v1/me/seats' })).json()).toEqual({ modules: [] });
  });

  it('userSeats reads a set of users in one call', async () => {
    const account = await anAccount(db, { name: 'Helpers', companies: 1 });
    const admin = await adminOf(account);
    const [a, b] = [await aUser(db, account, { role: 'technician' }), await aUser(db, account, { role: 'technician' })];
    await assign(admin, 'remoteSupport', a.id);
    await assign(admin, 'serviceDesk', a.id);
    const seats = await userSeats(db, account.id, [a.id, b.id]);
    expect(seats.get(a.id)).toEqual(['remoteSupport', 'serviceDesk']);
    expect(seats.get(b.id)).toEqual([]);
    expect((await userSeats(db, account.id, [])).size).toBe(0);
  });
});
