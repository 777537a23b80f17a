import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../src/shared/contracts/dashboard.js';
import { sampleDeviceStatus, slotOf } from '../../src/server/modules/dashboard/index.js';
import { alertConditions } from '../../src/server/modules/alerts/tables.js';
import { markOnline } from '../../src/server/modules/presence/index.js';
import {
  aDevice,
  anAccount,
  anAccountSetting,
  anAlertRule,
  aSeat,
  aSupportRequest,
  aUser,
  countOf,
  shiftRequestTimes,
  withLicence,
  type TestAccount,
} from '../support/builders/index.js';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';

const { app, database } = await createTestApp();
const db = database.db;

async function dashboard(caller: Caller, companyId?: string): Promise<Dashboard> {
  const res = await call(app, caller, {
    method: 'GET',
    url: `/api/v1/dashboard${companyId ? `?companyId=${companyId}` : ''}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Dashboard;
}

/** Devices of a company: `online` online and `offline` offline. */
async function devicesOf(account: TestAccount, companyId: string, online: number, offline: number) {
  for (let i = 0; i < online; i++) await aDevice(db, account.id, companyId, { status: 'online' });
  for (let i = 0; i < offline; i++) await aDevice(db, account.id, companyId, { status: 'offline' });
}

/** An alert of the account's rule fired at `firedAt` about a company (null: account-wide). */
async function anAlertFired(account: TestAccount, ruleId: string, companyId: string | null, firedAt: Date) {
  await db.insert(alertConditions).values({
    accountId: account.id,
    ruleId,
    subjectKey: `test:${Math.random()}`,
    companyId,
    startedAt: firedAt,
    dueAt: firedAt,
    firedAt,
    clearedAt: firedAt,
  });
}

const samplesOf = (accountId: string) =>
  countOf(db, sql`select count(*)::int as n from device_status_samples where account_id = ${accountId}`);

describe('the operations dashboard', () => {
  it('counts devices per company, the most offline first, and never another account’s', async () => {
    const account = await anAccount(db, { name: 'Dash', companies: 3 });
    const [c1, c2, c3] = account.companyIds;
    await devicesOf(account, c1, 3, 1);
    await devicesOf(account, c2, 1, 4);
    await devicesOf(account, c3, 2, 0);
    const other = await anAccount(db, { name: 'Other', companies: 1 });
    await devicesOf(other, other.companyIds[0], 5, 5);

    const admin = await signIn(app, account.admin.email);
    const body = await dashboard(admin);
    expect(body.devices).toMatchObject({ online: 6, offline: 5, companiesWithDevices: 3 });
    expect(body.devices?.companies.map((c) => [c.companyId, c.online, c.offline])).toEqual([
      [c2, 1, 4],
      [c1, 3, 1],
      [c3, 2, 0],
    ]);
    // the trend ends with the counts of now
    expect(body.devices?.trend.at(-1)).toMatchObject({ online: 6, offline: 5 });

    // the company switcher's choice: that company alone
    const one = await dashboard(admin, c1);
    expect(one.companyId).toBe(c1);
    expect(one.devices).toMatchObject({ online: 3, offline: 1, companiesWithDevices: 1 });
  });

  it('counts only the companies a technician works for; another company or account answers 404', async () => {
    const account = await anAccount(db, { name: 'Scope', companies: 2 });
    const [mine, theirs] = account.companyIds;
    await devicesOf(account, mine, 1, 2);
    await devicesOf(account, theirs, 7, 7);
    await aSupportRequest(db, account.id, mine);
    await aSupportRequest(db, account.id, theirs);
    await aSupportRequest(db, account.id, theirs);
    const tech = await aUser(db, account, { role: 'technician', companies: [mine] });
    await aSeat(db, tech, 'remoteSupport', account.admin.id);
    const other = await anAccount(db, { name: 'Elsewhere', companies: 1 });

    const caller = await signIn(app, tech.email);
    const body = await dashboard(caller);
    expect(body.devices).toMatchObject({ online: 1, offline: 2, companiesWithDevices: 1 });
    expect(body.devices?.companies.map((c) => c.companyId)).toEqual([mine]);
    expect(body.requests?.waiting).toBe(1);

    for (const companyId of [theirs, other.companyIds[0]]) {
      const res = await call(app, caller, { method: 'GET', url: `/api/v1/dashboard?companyId=${companyId}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const admin = await signIn(app, account.admin.email);
    const res = await call(app, admin, { method: 'GET', url: `/api/v1/dashboard?companyId=${other.companyIds[0]}` });
    expect(res.statusCode).toBe(404);
    const bad = await call(app, admin, { method: 'GET', url: '/api/v1/dashboard?companyId=not-an-id' });
    expect(bad.statusCode).toBe(400);
  });

  it('counts waiting requests with the longest wait, and the technicians available', async () => {
    const account = await anAccount(db, { name: 'Queue', companies: 2 });
    const [c1, c2] = account.companyIds;
    const first = await aSupportRequest(db, account.id, c1);
    await shiftRequestTimes(db, [first.id], 600);
    await aSupportRequest(db, account.id, c2);
    await aSupportRequest(db, account.id, c1, { acceptedAt: new Date() }); // active: not waiting
    const other = await anAccount(db, { name: 'Busy', companies: 1 });
    await aSupportRequest(db, other.id, other.companyIds[0]);

    const admin = await signIn(app, account.admin.email);
    await aSeat(db, account.admin, 'remoteSupport', account.admin.id).catch(() => undefined);
    const onlineTech = await aUser(db, account, { role: 'technician', companies: [c2] });
    await aSeat(db, onlineTech, 'remoteSupport', account.admin.id);
    const unseated = await aUser(db, account, { role: 'technician', companies: [c1] });
    await markOnline(db, account.id, [onlineTech.id, unseated.id], new Date(Date.now() + 60_000));

    const body = await dashboard(admin);
    expect(body.requests?.waiting).toBe(2);
    const waitedMs = Date.now() - new Date(body.requests!.oldestWaitingSince!).getTime();
    expect(waitedMs).toBeGreaterThan(590_000);
    expect(body.requests?.techniciansAvailable).toBe(1);
    // a company chosen: its queue, and only technicians who work for it
    const c1Only = await dashboard(admin, c1);
    expect(c1Only.requests).toMatchObject({ waiting: 1, techniciansAvailable: 0 });
  });

  it('shows each section only to who may open it: the queue needs a Remote Support seat', async () => {
    const account = await anAccount(db, { name: 'Who', companies: 1 });
    const viewer = await aUser(db, account, { role: 'viewer', companies: [account.companyIds[0]] });
    const unseated = await aUser(db, account, { role: 'technician', companies: [account.companyIds[0]] });
    const seated = await aUser(db, account, { role: 'technician', companies: [account.companyIds[0]] });
    await aSeat(db, seated, 'remoteSupport', account.admin.id);

    const asViewer = await dashboard(await signIn(app, viewer.email));
    expect(asViewer.requests).toBeNull();
    expect(asViewer.devices).not.toBeNull();
    expect(asViewer.alerts).not.toBeNull();
    expect(asViewer.seats).not.toBeNull();
    expect((await dashboard(await signIn(app, unseated.email))).requests).toBeNull();
    expect((await dashboard(await signIn(app, seated.email))).requests).not.toBeNull();
    expect((await call(app, { headers: {} }, { method: 'GET', url: '/api/v1/dashboard' })).statusCode).toBe(401);
  });

  it('counts alerts fired since midnight in the account’s time zone, in the caller’s companies', async () => {
    const account = await anAccount(db, { name: 'Alerts', companies: 2 });
    const [c1, c2] = account.companyIds;
    await anAccountSetting(db, account, 'general.timeZone', 'Pacific/Kiritimati'); // UTC+14
    const rule = await anAlertRule(db, account);
    // midnight in Kiritimati is 10:00 UTC the day before
    const now = new Date();
    const kiritimati = new Date(now.getTime() + 14 * 3600_000);
    const midnight = new Date(
      Date.UTC(kiritimati.getUTCFullYear(), kiritimati.getUTCMonth(), kiritimati.getUTCDate()) - 14 * 3600_000,
    );
    await anAlertFired(account, rule.id, c1, new Date(midnight.getTime() + 60_000));
    await anAlertFired(account, rule.id, c2, new Date(midnight.getTime() + 120_000));
    await anAlertFired(account, rule.id, null, new Date(midnight.getTime() + 180_000));
    await anAlertFired(account, rule.id, c1, new Date(midnight.getTime() - 60_000)); // yesterday there
    const other = await anAccount(db, { name: 'Quiet', companies: 1 });
    const otherRule = await anAlertRule(db, other);
    await anAlertFired(other, otherRule.id, other.companyIds[0], new Date(midnight.getTime() + 60_000));

    const admin = await signIn(app, account.admin.email);
    const body = await dashboard(admin);
    expect(body.alerts).toEqual({ firedToday: 3, since: midnight.toISOString(), timeZone: 'Pacific/Kiritimati' });
    expect((await dashboard(admin, c1)).alerts?.firedToday).toBe(1);
    const tech = await aUser(db, account, { role: 'technician', companies: [c2] });
    expect((await dashboard(await signIn(app, tech.email))).alerts?.firedToday).toBe(1);
  });

  it('counts seats in use per module against the licence', async () => {
    const account = await anAccount(db, { name: 'Seats', companies: 1 });
    await withLicence(db, account, { remoteSupportSeats: 7, serviceDeskSeats: 2 });
    const tech = await aUser(db, account, { role: 'technician' });
    await aSeat(db, tech, 'serviceDesk', account.admin.id);
    const admin = await signIn(app, account.admin.email);
    const before = (await dashboard(admin)).seats!.modules;
    await aSeat(db, tech, 'remoteSupport', account.admin.id);
    const after = (await dashboard(admin)).seats!.modules;
    const rs = (m: typeof after) => m.find((x) => x.module === 'remoteSupport')!;
    expect(rs(after)).toEqual({ module: 'remoteSupport', used: rs(before).used + 1, licensed: 7 });
    expect(after.find((x) => x.module === 'serviceDesk')).toMatchObject({ licensed: 2 });
  });
});

describe('the device trend', () => {
  it('samples every company once per 15-minute slot, sums them per time over the scope, and prunes after 8 days', async () => {
    const account = await anAccount(db, { name: 'Trend', companies: 2 });
    const [c1, c2] = account.companyIds;
    await devicesOf(account, c1, 2, 1);
    await devicesOf(account, c2, 0, 3);
    const tech = await aUser(db, account, { role: 'technician', companies: [c1] });

    const now = new Date();
    const long = new Date(now.getTime() - 9 * 24 * 3600_000);
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
    await sampleDeviceStatus(db, long);
    await sampleDeviceStatus(db, hoursAgo(30));
    await sampleDeviceStatus(db, hoursAgo(2));
    // a second round in the same slot (another process) writes nothing
    const again = await sampleDeviceStatus(db, hoursAgo(2));
    expect(again.written).toBe(0);
    expect(await samplesOf(account.id)).toBe(4); // the 9-day-old slot was pruned by the rounds after it

    const admin = await signIn(app, account.admin.email);
    const trend = (await dashboard(admin)).devices!.trend;
    // 30 hours ago is outside the 24 hours; then the sample of 2 hours ago, then now
    expect(trend).toHaveLength(2);
    expect(trend[0]).toEqual({ at: slotOf(hoursAgo(2)).toISOString(), online: 2, offline: 4 });
    const mine = (await dashboard(await signIn(app, tech.email))).devices!.trend;
    expect(mine[0]).toMatchObject({ online: 2, offline: 1 });

    const pruned = await sampleDeviceStatus(db, new Date(now.getTime() + 7 * 24 * 3600_000));
    expect(pruned.pruned).toBeGreaterThanOrEqual(2); // 30 hours ago is more than 8 days before then
    expect(await samplesOf(account.id)).toBe(4);
  });
});
