import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/platform/db/pool.js';
import { executeRun, takeDueSchedules } from '../../src/server/modules/reports/index.js';
import {
  aDevice,
  anAccount,
  aSupportRequest,
  aUser,
  changeUser,
  countOf,
  first,
  pauseSchedule,
  runsOfSchedules,
  scheduleDueAt,
} from '../support/builders/index.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { createSchedule, parseCsv, reader, reportMessages, runRow, sendNowAndRun } from './reports-kit.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Reports', companies: 2 });
const admin = await signIn(app, account.admin.email);
const [companyA, companyB] = account.companyIds;
const countRows = (table: string, where = sql`true`) =>
  countOf(db, sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`);

describe('validation', () => {
  it('refuses bad schedules with 400 and writes nothing', async () => {
    const contact = await reader(db, account.id);
    const other = await anAccount(db, { name: 'Elsewhere', companies: 1 });
    const foreignContact = await reader(db, other.id);
    const good = {
      name: 'Weekly',
      kind: 'device_inventory',
      frequency: 'daily',
      time: '08:00',
      timeZone: 'Europe/Paris',
      recipientContactIds: [contact.id],
    };
    const before = await countRows('report_schedules');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, recipientContactIds: [] }, 'recipientContactIds'],
      [{ ...good, frequency: 'weekly' }, 'weekday'],
      [{ ...good, frequency: 'monthly', monthDay: 32 }, 'monthDay'],
      [{ ...good, time: '24:00' }, 'time'],
      [{ ...good, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...good, kind: 'everything' }, 'kind'],
      [{ ...good, name: 'x'.repeat(121) }, 'name'],
      [{ ...good, companyIds: [other.companyIds[0]] }, 'companyIds.0'],
      [{ ...good, recipientContactIds: [foreignContact.id] }, 'recipientContactIds.0'],
      [{ ...good, owner: 'me' }, ''],
    ];
    for (const [payload, path] of cases) {
      const res = await call(app, admin, { method: 'POST', url: '/api/v1/report-schedules', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      if (path) expect(JSON.stringify(res.json().error.details)).toContain(`"${path}`);
    }
    expect(await countRows('report_schedules')).toBe(before);
  });

  it('refuses a change that leaves weekly without its day, and keeps the schedule as it was', async () => {
    const contact = await reader(db, account.id);
    const schedule = await createSchedule(app, admin, { recipientContactIds: [contact.id] });
    const res = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/report-schedules/${schedule.id}`,
      payload: { frequency: 'weekly', name: 'Changed' },
    });
    expect(res.statusCode).toBe(400);
    const now = await call(app, admin, { method: 'GET', url: `/api/v1/report-schedules/${schedule.id}` });
    expect(now.json()).toMatchObject({ name: 'Report', frequency: 'daily' });
  });

  it('computes the next run in the schedule’s time zone and recomputes it on change', async () => {
    const contact = await reader(db, account.id);
    const schedule = await createSchedule(app, admin, {
      frequency: 'monthly',
      monthDay: 31,
      time: '06:00',
      timeZone: 'Asia/Tokyo',
      recipientContactIds: [contact.id],
    });
    const next = new Date(schedule.nextRunAt!);
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Tokyo',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(next);
    expect(local).toBe('06:00');
    const off = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/report-schedules/${schedule.id}`,
      payload: { enabled: false },
    });
    expect(off.json().nextRunAt).toBeNull();
  });
});

describe('the scheduler', () => {
  it('runs an 01:30 New York schedule once on the fall-back day and a 02:30 one at 03:30 on the spring-forward day', async () => {
    const contact = await reader(db, account.id);
    const fallBack = await createSchedule(app, admin, {
      name: 'Fall back',
      time: '01:30',
      timeZone: 'America/New_York',
      recipientContactIds: [contact.id],
    });
    const springForward = await createSchedule(app, admin, {
      name: 'Spring forward',
      time: '02:30',
      timeZone: 'America/New_York',
      recipientContactIds: [contact.id],
    });
    await scheduleDueAt(db, [fallBack.id], new Date('2026-10-31T05:30:00Z'));
    await pauseSchedule(db, springForward.id);
    // a tick every quarter of an hour across each change
    for (let t = Date.parse('2026-10-31T05:00:00Z'); t <= Date.parse('2026-11-02T12:00:00Z'); t += 15 * 60_000)
      await takeDueSchedules(db, new Date(t));
    await pauseSchedule(db, fallBack.id);
    await scheduleDueAt(db, [springForward.id], new Date('2026-03-07T07:30:00Z'));
    for (let t = Date.parse('2026-03-07T07:00:00Z'); t <= Date.parse('2026-03-09T12:00:00Z'); t += 15 * 60_000)
      await takeDueSchedules(db, new Date(t));
    const times = async (id: string) =>
      (await runsOfSchedules(db, [id])).map((r) => r.scheduledFor?.toISOString().slice(0, 16));
    expect(await times(fallBack.id)).toEqual(['2026-10-31T05:30', '2026-11-01T05:30', '2026-11-02T06:30']);
    expect(await times(springForward.id)).toEqual(['2026-03-07T07:30', '2026-03-08T07:30', '2026-03-09T06:30']);
  });

  it('takes each due schedule exactly once with two workers racing', async () => {
    const second = openDatabase(database.url, { max: 4 });
    afterAll(() => second.close());
    const contact = await reader(db, account.id);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++)
      ids.push((await createSchedule(app, admin, { name: `Race ${i}`, recipientContactIds: [contact.id] })).id);
    const dueAt = new Date('2027-01-04T07:00:00Z');
    await scheduleDueAt(db, ids, dueAt);
    const now = new Date('2027-01-04T07:00:30Z');
    const results = await Promise.all(
      [0, 1, 2].flatMap(() => [takeDueSchedules(db, now, 3), takeDueSchedules(second.db, now, 3)]),
    );
    const taken = results.flat();
    expect(new Set(taken).size).toBe(taken.length);
    const runs = await runsOfSchedules(db, ids);
    const ours = runs.filter((run) => taken.includes(run.id));
    expect(ours).toHaveLength(8);
    expect(ids.map((id) => runs.filter((run) => run.scheduleId === id).length)).toEqual(Array(8).fill(1));
    // and a run taken by two workers at once sends once
    const runId = first(ours).id;
    await Promise.all([executeRun(db, runId, { now }), executeRun(second.db, runId, { now })]);
    expect(await reportMessages(db, runId)).toHaveLength(1);
    expect((await runRow(db, runId)).status).toBe('succeeded');
  });
});

describe('history', () => {
  it('keeps the history newest first in keyset pages', async () => {
    const contact = await reader(db, account.id);
    const schedule = await createSchedule(app, admin, { recipientContactIds: [contact.id] });
    for (let i = 0; i < 5; i++) await sendNowAndRun(app, db, admin, schedule.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(app, admin, {
        method: 'GET',
        url: `/api/v1/report-schedules/${schedule.id}/runs?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().items.map((r: { id: string }) => r.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const bad = await call(app, admin, {
      method: 'GET',
      url: `/api/v1/report-schedules/${schedule.id}/runs?cursor=nonsense`,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('owner rights at run time', () => {
  async function ownedBy(role: 'administrator' | 'technician', kind = 'device_inventory') {
    const owner = await aUser(db, account, { role: 'administrator', companies: [companyA] });
    const session = await signIn(app, owner.email);
    const contact = await reader(db, account.id);
    const schedule = await createSchedule(app, session, { kind, recipientContactIds: [contact.id] });
    if (role === 'technician') {
      await changeUser(db, owner, { role: 'technician', allCompanies: false });
    }
    return { owner, schedule };
  }

  it('leaves out the companies the owner can no longer see', async () => {
    const inA = `Visible ${Date.now()}`;
    const inB = `Hidden ${Date.now()}`;
    await aDevice(db, account.id, companyA, { name: inA });
    await aDevice(db, account.id, companyB, { name: inB });
    const { schedule } = await ownedBy('technician');
    const runId = await sendNowAndRun(app, db, admin, schedule.id);
    const run = await runRow(db, runId);
    expect(run.status).toBe('succeeded');
    expect(run.company_ids).toEqual([companyA]);
    expect(run.csv).toContain(inA);
    expect(run.csv).not.toContain(inB);
    expect(run.html!.en).not.toContain('Reports company 2');
    // no delivery runs here: the run is made, its e-mail waits — it does not read "sent"
    const history = await call(app, admin, { method: 'GET', url: `/api/v1/report-schedules/${schedule.id}/runs` });
    expect(history.json().items[0]).toMatchObject({
      id: runId,
      status: 'succeeded',
      delivery: { sent: 0, waiting: 1, failed: 0 },
    });
    // an administrator limited to nothing reads it; a technician of company B may not download it
    const colleague = await aUser(db, account, { role: 'technician', companies: [companyB] });
    const res = await call(app, await signIn(app, colleague.email), {
      method: 'GET',
      url: `/api/v1/report-schedules/${schedule.id}/runs/${runId}/report.csv`,
    });
    expect(res.statusCode).toBe(403);
  });

  it('fails with a clear reason, and sends nothing, when the owner was deactivated or lost the right', async () => {
    const disabled = await ownedBy('administrator');
    await changeUser(db, disabled.owner, { status: 'disabled' });
    const r1 = await runRow(db, await sendNowAndRun(app, db, admin, disabled.schedule.id));
    expect(r1).toMatchObject({ status: 'failed', error_code: 'ownerInactive', csv: null });
    expect(r1.error).toContain('is not an active user any more');

    const viewer = await ownedBy('administrator');
    await changeUser(db, viewer.owner, { role: 'viewer' });
    const r2id = await sendNowAndRun(app, db, admin, viewer.schedule.id);
    expect(await runRow(db, r2id)).toMatchObject({ status: 'failed', error_code: 'ownerNotAllowed' });
    expect(await reportMessages(db, r2id)).toHaveLength(0);

    const audit = await ownedBy('technician', 'audit_trail');
    expect(await runRow(db, await sendNowAndRun(app, db, admin, audit.schedule.id))).toMatchObject({
      status: 'failed',
      error_code: 'ownerNotAllowed',
    });

    // saving the schedule makes the administrator its owner: the next run goes out
    await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/report-schedules/${disabled.schedule.id}`,
      payload: { name: 'Taken over' },
    });
    expect((await runRow(db, await sendNowAndRun(app, db, admin, disabled.schedule.id))).status).toBe('succeeded');
  });

  it('fails when no recipient has a usable e-mail address', async () => {
    const contact = await reader(db, account.id, { verified: false });
    const schedule = await createSchedule(app, admin, { recipientContactIds: [contact.id] });
    const runId = await sendNowAndRun(app, db, admin, schedule.id);
    expect(await runRow(db, runId)).toMatchObject({ status: 'failed', error_code: 'noAddress' });
    expect(await reportMessages(db, runId)).toHaveLength(0);
  });
});

const kindAccount = await anAccount(db, { name: 'Kinds', companies: 2 });
const kindAdmin = await signIn(app, kindAccount.admin.email);
const [k1, k2] = kindAccount.companyIds;

describe('report kinds', () => {
  const now = new Date();
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  async function run(kind: string, extra: Record<string, unknown> = {}) {
    const contact = await reader(db, kindAccount.id, { language: 'fr' });
    const schedule = await createSchedule(app, kindAdmin, { kind, recipientContactIds: [contact.id], ...extra });
    const runId = await sendNowAndRun(app, db, kindAdmin, schedule.id, now);
    const row = await runRow(db, runId);
    expect(row.status, row.error ?? '').toBe('succeeded');
    return { ...row, rows: parseCsv(row.csv!) };
  }

  it('device inventory and offline devices, limited to the chosen companies', async () => {
    await aDevice(db, kindAccount.id, k1, { name: 'alpha' });
    await aDevice(db, kindAccount.id, k1, { name: 'bravo', status: 'offline', lastSeenAt: ago(60 * 30) });
    await aDevice(db, kindAccount.id, k2, { name: 'charlie' });
    const inventory = await run('device_inventory', { companyIds: [k1] });
    expect(inventory.rows.slice(1).map((r) => [r[1], r[3]])).toEqual([
      ['alpha', 'online'],
      ['bravo', 'offline'],
    ]);
    expect(inventory.html!.fr).toContain('Appareils par société');
    const off = await run('offline_devices');
    expect(off.rows.slice(1).map((r) => [r[1], r[6]])).toEqual([['bravo', '30']]);
    expect(off.html!.en).toMatch(/Offline for more than a day<\/td><td[^>]*>1</);
  });

  it('support activity with waiting and answer times over the period', async () => {
    await aSupportRequest(db, kindAccount.id, k1, {
      createdAt: ago(120),
      acceptedAt: ago(118),
      customerName: '=SUM(A1)',
    });
    await aSupportRequest(db, kindAccount.id, k1, { createdAt: ago(100), offlineAt: ago(95), answeredAt: ago(35) });
    await aSupportRequest(db, kindAccount.id, k2, { createdAt: ago(60 * 24 * 3) }); // before the day reported
    const activity = await run('support_activity');
    const [header = [], ...lines] = activity.rows;
    expect(lines).toHaveLength(2);
    const wait = header.indexOf('Wait (seconds)');
    const answer = header.indexOf('Time to answer (seconds)');
    expect(lines.map((l) => [l[wait], l[answer]])).toEqual([
      ['120', ''],
      ['300', '3600'],
    ]);
    expect(first(lines)[header.indexOf('Customer')]).toBe("'=SUM(A1)");
    // median wait of 2 and 5 minutes: 3.5 min, in French
    expect(activity.html!.fr).toContain('Attente médiane');
    expect(activity.html!.fr).toContain('3,5');
  });

  it('seat usage and the audit trail', async () => {
    const seats = await run('seat_usage');
    expect(seats.rows[0]).toEqual([
      'User',
      'E-mail',
      'Role',
      'Status',
      'Companies',
      'Remote Support seat',
      'Service Desk seat',
    ]);
    expect(seats.rows.slice(1).map((r) => r[1])).toContain(kindAccount.admin.email);
    expect(seats.html!.en).toContain('Remote Support seats used');
    const audit = await run('audit_trail');
    expect(audit.rows.slice(1).map((r) => r[3])).toContain('report_schedule.create');
    expect(audit.html!.en).toContain('Most frequent actions');
  });
});

describe('visibility', () => {
  it('answers 404 for another account’s schedule and hides runs of invisible ones', async () => {
    const other = await anAccount(db, { name: 'Other', companies: 1 });
    const otherAdmin = await signIn(app, other.admin.email);
    const contact = await reader(db, other.id);
    const schedule = await createSchedule(app, otherAdmin, { recipientContactIds: [contact.id] });
    for (const [method, url] of [
      ['GET', `/api/v1/report-schedules/${schedule.id}`],
      ['PATCH', `/api/v1/report-schedules/${schedule.id}`],
      ['POST', `/api/v1/report-schedules/${schedule.id}/runs`],
      ['GET', `/api/v1/report-schedules/${schedule.id}/runs`],
    ] as const) {
      const res = await call(app, admin, { method, url, ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = await call(app, admin, { method: 'GET', url: '/api/v1/report-schedules?limit=200' });
    expect(list.json().items.map((s: { id: string }) => s.id)).not.toContain(schedule.id);
  });

  it('shows a contact’s schedules before it is deleted', async () => {
    const contact = await reader(db, account.id);
    const schedule = await createSchedule(app, admin, { name: 'Used by', recipientContactIds: [contact.id] });
    const res = await call(app, admin, { method: 'GET', url: `/api/v1/contacts/${contact.id}` });
    expect(res.json().usage.reportSchedules).toEqual([{ id: schedule.id, name: 'Used by' }]);
  });
});
