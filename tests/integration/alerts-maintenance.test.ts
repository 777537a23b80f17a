import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fireDueConditions, processEvents } from '../../src/server/modules/alerts/index.js';
import { recordEvent } from '../../src/server/platform/events/record.js';
import type { DomainEventType } from '../../src/shared/events.js';
import {
  aContact,
  anAccount,
  anAlertRule,
  aUser,
  auditActionsOf,
  countOf,
  outboxRowsTo,
  verifyMethodsOf,
} from '../support/builders/index.js';
import { call, createTestApp, signIn } from '../support/test-app.js';

/** Maintenance windows (hold or drop a company's alerts), their routes and checks; the alert-rule form's server checks. */
const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Maintenance', companies: 2 });
const admin = await signIn(app, account.admin.email);
const [companyA, companyB] = account.companyIds;
const minutes = (n: number, from: Date) => new Date(from.getTime() + n * 60_000);

const record = (type: DomainEventType, companyId: string, subjectId: string, payload: object = {}) =>
  db.transaction((tx) =>
    recordEvent(tx, { accountId: account.id, companyId, type, subjectId, payload: payload as Record<string, unknown> }),
  );
async function engineAt(now: Date) {
  while ((await processEvents(db, now)) > 0);
  while ((await fireDueConditions(db, now)) > 0);
}
async function createWindow(payload: Record<string, unknown>, caller = admin) {
  return call(app, caller, { method: 'POST', url: '/api/v1/maintenance-windows', payload });
}
const statesOf = (ruleId: string) =>
  db.execute<{ state: string; subject: string }>(
    sql`select state, subject from alert_firings where rule_id = ${ruleId} order by subject`,
  );

const who = await aContact(db, account, {
  name: 'Ops',
  methods: [
    { type: 'email', value: 'maint-ops@example.test' },
    { type: 'sms', value: '+33600000801' },
  ],
});
const offline = await anAlertRule(db, account, {
  name: 'Offline 5 minutes',
  event: 'device_offline',
  delayMinutes: 5,
  urgent: true,
  recipients: [{ contactId: who.id, methodTypes: ['email', 'sms'] }],
});

describe('maintenance windows', () => {
  it('hold: alerts of the company are held, and one summary lists those still relevant when the window ends', async () => {
    const t0 = new Date();
    const res = await createWindow({
      companyId: companyA,
      startsAt: minutes(-1, t0).toISOString(),
      endsAt: minutes(30, t0).toISOString(),
      mode: 'hold',
      reason: 'Router replacement',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mode: 'hold', state: 'active', reason: 'Router replacement' });
    const stays = randomUUID();
    const returns = randomUUID();
    await record('device.offline', companyA, stays, { name: 'srv-stays' });
    await record('device.offline', companyA, returns, { name: 'srv-returns' });
    await engineAt(t0);
    await engineAt(minutes(6, t0));
    await engineAt(minutes(10, t0));
    expect(await outboxRowsTo(db, 'maint-ops@example.test')).toHaveLength(0);
    // one comes back during the window: its held alert is no longer relevant, and no recovery is sent
    await record('device.online', companyA, returns, { name: 'srv-returns' });
    await engineAt(minutes(12, t0));
    await engineAt(minutes(16, t0));
    expect(await outboxRowsTo(db, 'maint-ops@example.test')).toHaveLength(0);
    expect((await statesOf(offline.id)).rows).toEqual([
      { state: 'held', subject: 'srv-returns' },
      { state: 'held', subject: 'srv-stays' },
    ]);
    await engineAt(minutes(31, t0));
    const mails = await outboxRowsTo(db, 'maint-ops@example.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.kind).toBe('alert_summary');
    expect(mails[0]!.subject).toMatch(/^Maintenance of .+ ended, held alerts: 1$/);
    expect(mails[0]!.bodyText).toContain('(Router replacement)');
    expect(mails[0]!.bodyText).toContain('• Offline 5 minutes: srv-stays');
    expect(mails[0]!.bodyText).not.toContain('srv-returns');
    expect(mails[0]!.bodyText).toContain(`/devices?companyId=${companyA}&status=offline`);
    expect(await outboxRowsTo(db, '+33600000801')).toHaveLength(1);
    // the summarised alert counts as sent: its recovery follows
    await record('device.online', companyA, stays, { name: 'srv-stays' });
    await engineAt(minutes(33, t0));
    await engineAt(minutes(36, t0));
    expect((await outboxRowsTo(db, 'maint-ops@example.test')).map((m) => m.subject).at(-1)).toBe(
      'Recovered: srv-stays is back online',
    );
  });

  it('drop: alerts are recorded, never sent, nor summarised, nor followed by a recovery notice', async () => {
    const t0 = new Date();
    const res = await createWindow({
      companyId: companyB,
      startsAt: minutes(-1, t0).toISOString(),
      endsAt: minutes(20, t0).toISOString(),
      mode: 'drop',
      reason: 'Office move',
    });
    expect(res.statusCode, res.body).toBe(201);
    const before = (await outboxRowsTo(db, 'maint-ops@example.test')).length;
    const device = randomUUID();
    await record('device.offline', companyB, device, { name: 'pc-dropped' });
    await engineAt(t0);
    await engineAt(minutes(6, t0));
    await engineAt(minutes(10, t0));
    await engineAt(minutes(21, t0));
    await record('device.online', companyB, device, { name: 'pc-dropped' });
    await engineAt(minutes(22, t0));
    await engineAt(minutes(26, t0));
    expect(await outboxRowsTo(db, 'maint-ops@example.test')).toHaveLength(before);
    expect((await statesOf(offline.id)).rows).toContainEqual({ state: 'dropped', subject: 'pc-dropped' });
    const list = await call(app, admin, {
      method: 'GET',
      url: `/api/v1/maintenance-windows?companyId=${companyB}&when=current`,
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ reason: 'Office move', droppedAlerts: 1 })]);
  });

  it('deleting a window that holds alerts ends it now: what it held still goes out in its summary', async () => {
    const t0 = new Date();
    const res = await createWindow({
      companyId: companyB,
      startsAt: minutes(-1, t0).toISOString(),
      endsAt: minutes(60, t0).toISOString(),
      mode: 'hold',
      reason: 'Cabling',
    });
    expect(res.statusCode, res.body).toBe(201);
    const windowId = res.json().id as string;
    const before = (await outboxRowsTo(db, 'maint-ops@example.test')).length;
    await record('device.offline', companyB, randomUUID(), { name: 'pc-held-then-deleted' });
    await engineAt(t0);
    await engineAt(minutes(6, t0));
    expect((await statesOf(offline.id)).rows).toContainEqual({ state: 'held', subject: 'pc-held-then-deleted' });
    const removed = await call(app, admin, { method: 'DELETE', url: `/api/v1/maintenance-windows/${windowId}` });
    expect(removed.statusCode, removed.body).toBe(204);
    await engineAt(new Date());
    const mails = (await outboxRowsTo(db, 'maint-ops@example.test')).slice(before);
    expect(mails.map((m) => m.kind)).toEqual(['alert_summary']);
    expect(mails[0]!.bodyText).toContain('pc-held-then-deleted');
    // it stays in the history of ended windows; an empty window is removed outright
    const ended = await call(app, admin, { method: 'GET', url: `/api/v1/maintenance-windows?when=ended` });
    expect(ended.json().items).toContainEqual(expect.objectContaining({ id: windowId, state: 'ended', heldAlerts: 1 }));
    const empty = await createWindow({
      companyId: companyB,
      startsAt: minutes(-1, new Date()).toISOString(),
      endsAt: minutes(60, new Date()).toISOString(),
      mode: 'hold',
      reason: 'Nothing held',
    });
    expect(empty.statusCode, empty.body).toBe(201);
    const emptyId = empty.json().id as string;
    expect(
      (await call(app, admin, { method: 'DELETE', url: `/api/v1/maintenance-windows/${emptyId}` })).statusCode,
    ).toBe(204);
    const gone = await call(app, admin, { method: 'GET', url: `/api/v1/maintenance-windows/${emptyId}` });
    expect(gone.statusCode).toBe(404);
  });

  it('routes: field problems, changes and deletion audited, company scope and other accounts are 404', async () => {
    const now = Date.now();
    const at = (m: number) => new Date(now + m * 60_000).toISOString();
    const bad = await createWindow({
      companyId: companyA,
      startsAt: at(60),
      endsAt: at(30),
      mode: 'hold',
      reason: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ path: 'endsAt', code: 'end_before_start' })]);
    const empty = await createWindow({});
    expect(empty.statusCode).toBe(400);
    expect(
      empty
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['companyId', 'endsAt', 'mode', 'reason', 'startsAt'].sort());
    const past = await createWindow({
      companyId: companyA,
      startsAt: at(-60),
      endsAt: at(-30),
      mode: 'hold',
      reason: 'x',
    });
    expect(past.json().error.details).toEqual([
      expect.objectContaining({ path: 'endsAt', code: 'future_date_required' }),
    ]);
    const tooLong = await createWindow({
      companyId: companyA,
      startsAt: at(1),
      endsAt: at(60 * 24 * 40),
      mode: 'hold',
      reason: 'x',
    });
    expect(tooLong.json().error.details).toEqual([expect.objectContaining({ path: 'endsAt', code: 'too_big' })]);
    const other = await anAccount(db, { name: 'Elsewhere' });
    const foreign = await createWindow({
      companyId: other.companyIds[0],
      startsAt: at(1),
      endsAt: at(60),
      mode: 'hold',
      reason: 'x',
    });
    expect(foreign.json().error.details).toEqual([expect.objectContaining({ path: 'companyId', code: 'not_found' })]);
    expect(await countOf(db, sql`select count(*)::int as n from maintenance_windows where reason = 'x'`)).toBe(0);

    const created = await createWindow({
      companyId: companyB,
      startsAt: at(60),
      endsAt: at(120),
      mode: 'hold',
      reason: 'Patch night',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ state: 'upcoming', heldAlerts: 0 });
    const changed = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/maintenance-windows/${id}`,
      payload: { mode: 'drop' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().mode).toBe('drop');
    const backwards = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/maintenance-windows/${id}`,
      payload: { endsAt: at(30) },
    });
    expect(backwards.json().error.details).toEqual([
      expect.objectContaining({ path: 'endsAt', code: 'end_before_start' }),
    ]);

    // a technician of company A does not see company B's window; the other account's administrator neither
    const tech = await aUser(db, account, { role: 'technician', companies: [companyA] });
    const asTech = await signIn(app, tech.email);
    expect((await call(app, asTech, { method: 'GET', url: `/api/v1/maintenance-windows/${id}` })).statusCode).toBe(404);
    const techList = await call(app, asTech, { method: 'GET', url: '/api/v1/maintenance-windows' });
    expect(techList.json().items.map((w: { companyId: string }) => w.companyId)).not.toContain(companyB);
    const otherAdmin = await signIn(app, other.admin.email);
    expect(
      (await call(app, otherAdmin, { method: 'DELETE', url: `/api/v1/maintenance-windows/${id}` })).statusCode,
    ).toBe(404);

    expect((await call(app, admin, { method: 'DELETE', url: `/api/v1/maintenance-windows/${id}` })).statusCode).toBe(
      204,
    );
    expect((await call(app, admin, { method: 'GET', url: `/api/v1/maintenance-windows/${id}` })).statusCode).toBe(404);
    expect(await auditActionsOf(db, id)).toEqual([
      'maintenance_window.create',
      'maintenance_window.update',
      'maintenance_window.delete',
    ]);
  });
});

describe('the alert-rule form’s server checks', () => {
  it('refuses a method kind the contact has not verified, on its field; a test alert says why nothing was written', async () => {
    const unverified = await aContact(db, account, {
      name: 'Not yet',
      methods: [{ type: 'email', value: 'not-yet@example.test', verified: false }],
    });
    const payload = {
      name: 'Unverified',
      event: 'device_enrolled',
      recipients: [{ contactId: unverified.id, methodTypes: ['email'] }],
    };
    const refused = await call(app, admin, { method: 'POST', url: '/api/v1/alert-rules', payload });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([
      expect.objectContaining({ path: 'recipients.0.methodTypes', code: 'unverified_method' }),
    ]);
    // a delay of 0 is valid: the alert goes out as soon as the condition begins
    await verifyMethodsOf(db, unverified.id);
    const saved = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/alert-rules',
      payload: { ...payload, event: 'device_offline', delayMinutes: 0 },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().delayMinutes).toBe(0);
    // the method is turned off later: the test alert explains
    await db.execute(sql`update contact_methods set enabled = false where contact_id = ${unverified.id}`);
    const test = await call(app, admin, { method: 'POST', url: `/api/v1/alert-rules/${saved.json().id}/test` });
    expect(test.statusCode, test.body).toBe(202);
    expect(test.json()).toEqual({
      messages: 0,
      unreached: [{ contactId: unverified.id, name: 'Not yet', methodType: 'email', reason: 'disabled' }],
    });
  });
});
