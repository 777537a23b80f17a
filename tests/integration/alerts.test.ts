import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fireDueConditions, processEvents } from '../../src/server/modules/alerts/index.js';
import { recordEvent } from '../../src/server/platform/events/record.js';
import type { DomainEventType } from '../../src/shared/events.js';
import {
  ageAlertCursor,
  alertCursorState,
  anAccount,
  countOf,
  outboxRowsTo,
  verifyMethodsOf,
} from '../support/builders/index.js';
import { call, createTestApp, signIn } from '../support/test-app.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Alerts', companies: 2 });
const admin = await signIn(app, account.admin.email);
const [companyA, companyB] = account.companyIds;

const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);
const record = (
  type: DomainEventType,
  companyId: string | null,
  subjectId: string | null,
  payload: Record<string, unknown> = {},
) => db.transaction((tx) => recordEvent(tx, { accountId: account.id, companyId, type, subjectId, payload }));
const messagesTo = (recipient: string) => outboxRowsTo(db, recipient);

async function contact(name: string, methods: { type: string; value: string }[], extra: Record<string, unknown> = {}) {
  const res = await call(app, admin, { method: 'POST', url: '/api/v1/contacts', payload: { name, methods, ...extra } });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json();
  // verified as if the contact had followed the link or entered the code
  await verifyMethodsOf(db, created.id);
  return created.id as string;
}

async function rule(payload: Record<string, unknown>) {
  const res = await call(app, admin, { method: 'POST', url: '/api/v1/alert-rules', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const onCall = await contact('On call', [
  { type: 'email', value: 'oncall@example.test' },
  { type: 'sms', value: '+33 6 00 00 00 01' },
]);

describe('alert rules on domain events (controlled clock)', () => {
  it('device offline for N minutes: waits for the delay, suppresses duplicates, then a recovery notice', async () => {
    await rule({
      name: 'Servers down',
      event: 'device_offline',
      delayMinutes: 5,
      recipients: [{ contactId: onCall, methodTypes: ['email', 'sms'] }],
      urgent: true,
    });
    const device = randomUUID();
    const t0 = new Date();
    await record('device.offline', companyA, device, { name: 'srv-01' });
    await processEvents(db, t0);
    expect(await messagesTo('oncall@example.test')).toHaveLength(0);
    await fireDueConditions(db, minutes(4, t0));
    expect(await messagesTo('oncall@example.test')).toHaveLength(0);
    // the same device reported offline again while it lasts: a duplicate
    await record('device.offline', companyA, device, { name: 'srv-01' });
    await processEvents(db, minutes(4.5, t0));
    await fireDueConditions(db, minutes(6, t0));
    await fireDueConditions(db, minutes(7, t0));
    // the alert went into its rule's group at 6 minutes, messaged when the group's window ends
    expect(await messagesTo('oncall@example.test')).toHaveLength(0);
    await fireDueConditions(db, minutes(8.5, t0));
    const mails = await messagesTo('oncall@example.test');
    expect(mails.map((m) => m.subject)).toEqual(['Device offline: srv-01']);
    expect((await messagesTo('+33600000001')).map((m) => m.channel)).toEqual(['sms']);
    await record('device.online', companyA, device, { name: 'srv-01' });
    await processEvents(db, minutes(9, t0));
    await fireDueConditions(db, minutes(11.5, t0));
    expect((await messagesTo('oncall@example.test')).map((m) => m.subject)).toEqual([
      'Device offline: srv-01',
      'Recovered: srv-01 is back online',
    ]);
  });

  it('clears silently when the device comes back before the delay', async () => {
    const who = await contact('Quiet', [{ type: 'email', value: 'short@example.test' }]);
    await rule({
      name: 'Short outage',
      event: 'device_offline',
      delayMinutes: 10,
      recipients: [{ contactId: who, methodTypes: ['email'] }],
    });
    const device = randomUUID();
    const t0 = new Date();
    await record('device.offline', companyA, device, { name: 'pc-02' });
    await processEvents(db, t0);
    await record('device.online', companyA, device, { name: 'pc-02' });
    await processEvents(db, minutes(2, t0));
    await fireDueConditions(db, minutes(11, t0));
    expect(await messagesTo('short@example.test')).toHaveLength(0);
  });

  it('each event type reaches the rules of its kind, in the company filter, by the chosen methods', async () => {
    const who = await contact('Everything', [
      { type: 'email', value: 'all@example.test' },
      { type: 'sms', value: '+33 6 00 00 00 02' },
    ]);
    const only = (event: string, extra: Record<string, unknown> = {}) =>
      rule({ name: event, event, recipients: [{ contactId: who, methodTypes: ['email'] }], ...extra });
    await only('device_online');
    await only('device_enrolled', { companyIds: [companyB] });
    await only('question_created');
    await only('request_waiting', { delayMinutes: 3 });
    await only('seat_limit_reached');
    await only('device_limit_reached');
    await only('signin_throttled');
    const t0 = new Date();
    await record('device.online', companyA, randomUUID(), { name: 'laptop-7' });
    await record('device.enrolled', companyA, randomUUID(), { name: 'not-watched' });
    await record('device.enrolled', companyB, randomUUID(), { name: 'watched' });
    await record('question.created', companyA, randomUUID(), { number: 7 });
    const request = randomUUID();
    await record('request.created', companyA, request, { number: 42 });
    await record('licence.seat_limit_reached', null, null, { module: 'Remote Support' });
    await record('licence.seat_limit_reached', null, null, { module: 'Remote Support' });
    await record('licence.device_limit_reached', null, null, {});
    await record('auth.signin_throttled', null, null, { email: 'victim@example.test' });
    await processEvents(db, t0);
    await fireDueConditions(db, minutes(3, t0));
    await fireDueConditions(db, minutes(4, t0));
    await fireDueConditions(db, minutes(6.5, t0));
    await record('request.accepted', companyA, request, { number: 42 });
    await processEvents(db, minutes(7, t0));
    await fireDueConditions(db, minutes(9.5, t0));
    // the groups of one moment are written in one transaction: compared as a set, the waiting request before its recovery
    const subjects = (await messagesTo('all@example.test')).map((m) => m.subject);
    expect(subjects.slice(-2)).toEqual(['Request waiting: #42', 'Recovered: request #42 is being handled']);
    expect([...subjects].sort()).toEqual(
      [
        'Device back online: laptop-7',
        'New device: watched',
        'New offline question #7',
        'Seat limit reached: Remote Support',
        'Device limit reached',
        'Repeated failed sign-ins: victim@example.test',
        'Request waiting: #42',
        'Recovered: request #42 is being handled',
      ].sort(),
    );
    expect(await messagesTo('+33600000002')).toHaveLength(0);
  });

  it('holds a non-urgent alert until the end of the contact’s quiet hours; urgent ones go at once', async () => {
    const sleeper = await contact('Sleeper', [{ type: 'email', value: 'sleeper@example.test' }], {
      timeZone: 'Europe/Paris',
      quietHours: { start: '22:00', end: '07:00' },
    });
    await rule({
      name: 'Enrolled (quiet)',
      event: 'device_enrolled',
      recipients: [{ contactId: sleeper, methodTypes: ['email'] }],
    });
    await rule({
      name: 'Enrolled (urgent)',
      event: 'device_enrolled',
      recipients: [{ contactId: sleeper, methodTypes: ['email'] }],
      urgent: true,
    });
    await record('device.enrolled', companyA, randomUUID(), { name: 'night-box' });
    const night = new Date('2026-01-15T23:30:00Z'); // 00:30 in Paris
    await processEvents(db, night);
    await fireDueConditions(db, minutes(3, night));
    const messages = await messagesTo('sleeper@example.test');
    const notBefore = messages.map((m) => m.notBefore.toISOString());
    expect(notBefore).toHaveLength(2);
    expect(notBefore).toContain('2026-01-16T06:00:00.000Z'); // 07:00 in Paris, for the non-urgent rule
    const urgent = notBefore.find((t) => t !== '2026-01-16T06:00:00.000Z')!;
    expect(Math.abs(new Date(urgent).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('reads each event once, even with two processes reading together', async () => {
    const who = await contact('Once', [{ type: 'email', value: 'once@example.test' }]);
    await rule({
      name: 'Once',
      event: 'device_enrolled',
      recipients: [{ contactId: who, methodTypes: ['email'] }],
      urgent: true,
    });
    for (let i = 0; i < 10; i++) await record('device.enrolled', companyA, randomUUID(), { name: `d${i}` });
    await Promise.all([processEvents(db), processEvents(db), processEvents(db)]);
    await processEvents(db);
    await fireDueConditions(db, minutes(3, new Date()));
    // fired together: one message listing the ten, each fired once
    const messages = await messagesTo('once@example.test');
    expect(messages.map((m) => m.subject)).toEqual(['New devices: 10 (Once)']);
    expect(messages[0]!.bodyText.match(/^• d\d \(/gm)).toHaveLength(10);
  });

  it('an event committed after a larger id is still read, and only once', async () => {
    const who = await contact('Late', [{ type: 'email', value: 'late@example.test' }]);
    await rule({
      name: 'Late',
      event: 'device_enrolled',
      recipients: [{ contactId: who, methodTypes: ['email'] }],
      urgent: true,
    });
    // the first transaction takes the smaller id and commits last
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken!: () => void;
    const idTaken = new Promise<void>((resolve) => (taken = resolve));
    const slow = db.transaction(async (tx) => {
      await recordEvent(tx, {
        accountId: account.id,
        companyId: companyA,
        type: 'device.enrolled',
        subjectId: randomUUID(),
        payload: { name: 'slow-box' },
      });
      taken();
      await held;
    });
    await idTaken;
    await record('device.enrolled', companyA, randomUUID(), { name: 'quick-box' });
    await processEvents(db);
    await fireDueConditions(db, minutes(3, new Date()));
    expect((await messagesTo('late@example.test')).map((m) => m.subject)).toEqual(['New device: quick-box']);
    release();
    await slow;
    await processEvents(db);
    await processEvents(db);
    await fireDueConditions(db, minutes(3, new Date()));
    expect((await messagesTo('late@example.test')).map((m) => m.subject)).toEqual([
      'New device: quick-box',
      'New device: slow-box',
    ]);
    // a minute later, with no transaction left from then, the cursor moves past them: still nothing twice
    // (in steps: each settles the id seen before, once the transactions of that moment — in the
    // whole cluster, other test files' too — have ended, and notes the highest one now)
    const cursorNow = () => alertCursorState(db);
    for (let step = 0; step < 100 && (await cursorNow()).last !== (await cursorNow()).top; step++) {
      await ageAlertCursor(db);
      await processEvents(db);
      await new Promise((r) => setTimeout(r, 100));
    }
    const cursor = await cursorNow();
    expect(cursor.last).toBe(cursor.top);
    expect(cursor.marks).toBe(0);
    await processEvents(db);
    await fireDueConditions(db, minutes(3, new Date()));
    expect(await messagesTo('late@example.test')).toHaveLength(2);
  });

  it('send test alert; refuses bad input; the contact shows the rules using it', async () => {
    const r = await rule({
      name: 'Testable',
      event: 'question_created',
      recipients: [{ contactId: onCall, methodTypes: ['email', 'sms'] }],
    });
    const test = await call(app, admin, { method: 'POST', url: `/api/v1/alert-rules/${r.id}/test` });
    expect(test.statusCode).toBe(202);
    expect(test.json()).toEqual({ messages: 2, unreached: [] });
    expect((await messagesTo('oncall@example.test')).at(-1)?.subject).toBe('Test alert: Testable');
    const bad = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/alert-rules',
      payload: {
        name: 'x',
        event: 'device_offline',
        recipients: [{ contactId: randomUUID(), methodTypes: ['email'] }],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('recipients.0.contactId');
    const usage = await call(app, admin, { method: 'GET', url: `/api/v1/contacts/${onCall}` });
    expect(usage.json().usage.alertRules.map((x: { name: string }) => x.name)).toContain('Testable');
  });

  it('a rule on an account-wide event (seat limit, sign-ins) watches every company: a list is refused, a changed event widens it', async () => {
    const recipients = [{ contactId: onCall, methodTypes: ['email'] }];
    const rules = () => countOf(db, sql`select count(*)::int as n from alert_rules where account_id = ${account.id}`);
    const before = await rules();
    const listed = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/alert-rules',
      payload: { name: 'Sign-ins of A', event: 'signin_throttled', companyIds: [companyA], recipients },
    });
    expect(listed.statusCode).toBe(400);
    expect(listed.json().error.details[0].path).toBe('companyIds');
    expect(await rules()).toBe(before);

    const r = await rule({ name: 'Enrolments of A', event: 'device_enrolled', companyIds: [companyA], recipients });
    expect(r.allCompanies).toBe(false);
    const refused = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/alert-rules/${r.id}`,
      payload: { event: 'seat_limit_reached', companyIds: [companyA] },
    });
    expect(refused.statusCode).toBe(400);
    const widened = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/alert-rules/${r.id}`,
      payload: { event: 'seat_limit_reached' },
    });
    expect(widened.statusCode, widened.body).toBe(200);
    expect(widened.json()).toMatchObject({ event: 'seat_limit_reached', allCompanies: true, companies: [] });
  });

  it('a refused seat assignment (the real source) raises the seat-limit alert', async () => {
    const who = await contact('Licence watcher', [{ type: 'email', value: 'licence@example.test' }]);
    await rule({
      name: 'Seats',
      event: 'seat_limit_reached',
      recipients: [{ contactId: who, methodTypes: ['email'] }],
      urgent: true,
    });
    await call(app, admin, { method: 'PATCH', url: '/api/v1/seats', payload: { serviceDeskSeats: 0 } });
    const refused = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/seats/serviceDesk/assignments',
      payload: { userId: account.admin.id },
    });
    expect(refused.statusCode).toBe(409);
    await processEvents(db);
    await fireDueConditions(db, minutes(3, new Date()));
    expect((await messagesTo('licence@example.test')).map((m) => m.subject)).toEqual([
      'Seat limit reached: Service Desk',
    ]);
  });
});
