import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fireDueConditions, processEvents } from '../../src/server/modules/alerts/index.js';
import { sweepOfflineDevices } from '../../src/server/modules/devices/index.js';
import {
  anAccount,
  countOf,
  nobodyOnline,
  only,
  outboxRowsTo,
  verifyMethodsOf,
  withLicence,
  slugOf,
} from '../support/builders/index.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { dataKeyOf, enrolDevice, sampleInventory } from './devices-support.js';
import { customer, online, seated, submit } from './support-kit.js';

/**
 * Each alert event from its real source on main — the agent API and the devices sweep, the
 * portal and the Service Desk, the licence, the sign-in throttle — through the rule engine to
 * the outbox, with a controlled clock where a delay is involved.
 */
const { app, database, config } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Sources', companies: 2 });
const admin = await signIn(app, account.admin.email);
const [companyA] = account.companyIds;
const heartbeatSeconds = config.agentHeartbeatSeconds;

const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);
/** Messages the groups whose window ended (alerts that fire together go out as one message per rule, contact and method). */
const flushGroups = () => fireDueConditions(db, minutes(3, new Date()));
const subjectsTo = async (recipient: string) => (await outboxRowsTo(db, recipient)).map((r) => r.subject);
const eventsOf = (type: string) =>
  countOf(db, sql`select count(*)::int as n from domain_events where account_id = ${account.id} and type = ${type}`);

async function contact(email: string) {
  const res = await call(app, admin, {
    method: 'POST',
    url: '/api/v1/contacts',
    payload: { name: email, methods: [{ type: 'email', value: email }] },
  });
  expect(res.statusCode, res.body).toBe(201);
  await verifyMethodsOf(db, res.json().id);
  return res.json().id as string;
}

async function rule(email: string, payload: Record<string, unknown>) {
  const contactId = await contact(email);
  const res = await call(app, admin, {
    method: 'POST',
    url: '/api/v1/alert-rules',
    payload: {
      name: String(payload.event),
      urgent: true,
      recipients: [{ contactId, methodTypes: ['email'] }],
      ...payload,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
}

describe('alert events from their sources', () => {
  it('device offline for N minutes (the devices sweep) and its recovery (a heartbeat)', async () => {
    await rule('offline@example.test', { event: 'device_offline', delayMinutes: 5 });
    const device = await enrolDevice(app, await dataKeyOf(db, companyA), { name: 'till-3' });
    await processEvents(db);
    // the sweep, a little later than the missed heartbeats allow, marks it offline
    const t0 = new Date(Date.now() + 3 * heartbeatSeconds * 1000);
    expect(await sweepOfflineDevices(db, { now: t0, heartbeatSeconds })).toBe(1);
    await processEvents(db, t0);
    await fireDueConditions(db, minutes(4, new Date()));
    expect(await subjectsTo('offline@example.test')).toEqual([]);
    await fireDueConditions(db, minutes(6, new Date()));
    // a second sweep finds nothing new; the alert is not repeated
    await sweepOfflineDevices(db, { now: minutes(7, t0), heartbeatSeconds });
    await processEvents(db, minutes(7, t0));
    await fireDueConditions(db, minutes(8, new Date()));
    expect(await subjectsTo('offline@example.test')).toEqual(['Device offline: till-3']);
    const beat = await app.inject({ method: 'POST', url: '/api/agent/heartbeat', headers: device.headers });
    expect(beat.statusCode, beat.body).toBe(200);
    await processEvents(db, minutes(9, new Date()));
    await fireDueConditions(db, minutes(12, new Date()));
    expect(await subjectsTo('offline@example.test')).toEqual([
      'Device offline: till-3',
      'Recovered: till-3 is back online',
    ]);
  });

  it('device enrolled (the agent API)', async () => {
    await rule('enrolled@example.test', { event: 'device_enrolled', companyIds: [companyA] });
    await enrolDevice(app, await dataKeyOf(db, companyA), { name: 'kiosk-9' });
    await enrolDevice(app, await dataKeyOf(db, account.companyIds[1]!), { name: 'other-company' });
    await processEvents(db);
    await flushGroups();
    expect(await subjectsTo('enrolled@example.test')).toEqual(['New device: kiosk-9']);
  });

  it('device limit reached (a refused enrolment), for the rules watching the company the device tried to join', async () => {
    await rule('devicelimit@example.test', { event: 'device_limit_reached' });
    await rule('devicelimit-a@example.test', { event: 'device_limit_reached', companyIds: [companyA] });
    await rule('devicelimit-b@example.test', { event: 'device_limit_reached', companyIds: [account.companyIds[1]!] });
    const inUse = await countOf(db, sql`select count(*)::int as n from devices where account_id = ${account.id}`);
    await withLicence(db, account, { deviceLimit: inUse });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/agent/enroll',
      payload: { dataKey: await dataKeyOf(db, companyA), inventory: sampleInventory({ hostname: 'one-too-many' }) },
    });
    expect(refused.statusCode).toBe(409);
    await processEvents(db);
    await flushGroups();
    expect(await subjectsTo('devicelimit@example.test')).toEqual(['Device limit reached']);
    expect(await subjectsTo('devicelimit-a@example.test')).toEqual(['Device limit reached']);
    expect(await subjectsTo('devicelimit-b@example.test')).toEqual([]);
    const mail = only(await outboxRowsTo(db, 'devicelimit@example.test'));
    expect(mail.bodyText).toContain('one-too-many');
    await withLicence(db, account, { deviceLimit: 250 });
  });

  it('new offline question and request waiting longer than N minutes (the portal and the Service Desk)', async () => {
    await rule('question@example.test', { event: 'question_created' });
    await rule('waiting@example.test', { event: 'request_waiting', delayMinutes: 3 });
    const slug = await slugOf(db, companyA);
    const alice = await seated(app, db, account, admin, ['remoteSupport', 'serviceDesk']);
    // nobody available: an offline question
    await nobodyOnline(db, account.id);
    const question = await submit(app, slug, customer(1));
    expect(question.json()).toMatchObject({ status: 'offline' });
    // a technician available: the request waits in the queue
    await online(db, account.id, [alice.user.id]);
    const waiting = await submit(app, slug, customer(2));
    expect(waiting.json()).toMatchObject({ status: 'waiting' });
    const quick = await submit(app, slug, customer(3));
    await processEvents(db);
    // the third one is accepted within the delay: no alert and no recovery for it
    expect(
      (await call(app, alice.caller, { method: 'POST', url: `/api/v1/support-requests/${quick.json().id}/accept` }))
        .statusCode,
    ).toBe(200);
    await processEvents(db);
    await fireDueConditions(db, minutes(2, new Date()));
    expect(await subjectsTo('waiting@example.test')).toEqual([]);
    await fireDueConditions(db, minutes(4, new Date()));
    await fireDueConditions(db, minutes(6.5, new Date()));
    expect(await subjectsTo('waiting@example.test')).toEqual([`Request waiting: #${waiting.json().number}`]);
    expect(
      (await call(app, alice.caller, { method: 'POST', url: `/api/v1/support-requests/${waiting.json().id}/accept` }))
        .statusCode,
    ).toBe(200);
    await processEvents(db);
    await flushGroups();
    expect(await subjectsTo('waiting@example.test')).toEqual([
      `Request waiting: #${waiting.json().number}`,
      `Recovered: request #${waiting.json().number} is being handled`,
    ]);
    expect(await subjectsTo('question@example.test')).toEqual([`New offline question #${question.json().number}`]);
  });

  it('seat limit reached (a refused seat assignment)', async () => {
    await rule('seats@example.test', { event: 'seat_limit_reached' });
    await call(app, admin, { method: 'PATCH', url: '/api/v1/seats', payload: { remoteSupportSeats: 1 } });
    const refused = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/seats/remoteSupport/assignments',
      payload: { userId: account.admin.id },
    });
    expect(refused.statusCode, refused.body).toBe(409);
    await processEvents(db);
    await flushGroups();
    expect(await subjectsTo('seats@example.test')).toEqual(['Seat limit reached: Remote Support']);
  });

  it('repeated failed sign-ins (the sign-in throttle): one event and one alert per block', async () => {
    await rule('signins@example.test', { event: 'signin_throttled' });
    const login = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: account.admin.email, password },
        remoteAddress: '198.51.100.7',
      });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login('not the password')).statusCode);
    // five failures block this e-mail from this address; later attempts are refused before counting
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(await eventsOf('auth.signin_throttled')).toBe(1);
    // unknown e-mails block too, but belong to no account: no event
    for (let i = 0; i < 6; i++)
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@example.test', password: 'x' },
        remoteAddress: '198.51.100.8',
      });
    await processEvents(db);
    await flushGroups();
    expect(await subjectsTo('signins@example.test')).toEqual([`Repeated failed sign-ins: ${account.admin.email}`]);
    expect(await eventsOf('auth.signin_throttled')).toBe(1);
  });

  it('support session started and ended (the customer consents on the portal, the technician ends it)', async () => {
    await rule('sessions@example.test', { event: 'session_started' });
    await rule('sessions-ended@example.test', { event: 'session_ended', companyIds: [companyA] });
    const slug = await slugOf(db, companyA);
    await withLicence(db, account, { remoteSupportSeats: 20 });
    const tech = await seated(app, db, account, admin, ['remoteSupport']);
    const created = await call(app, tech.caller, {
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { companyId: companyA },
    });
    expect(created.statusCode, created.body).toBe(201);
    const joined = await app.inject({
      method: 'POST',
      url: `/api/portal/${slug}/sessions`,
      payload: { code: created.json().code, name: 'Grace' },
      remoteAddress: '198.51.100.30',
    });
    expect(joined.statusCode, joined.body).toBe(201);
    const { sessionId, visitorToken } = joined.json();
    const consent = await app.inject({
      method: 'POST',
      url: `/api/portal/${slug}/sessions/${sessionId}/consent`,
      headers: { 'x-visitor-token': visitorToken },
      payload: { consent: true },
    });
    expect(consent.statusCode, consent.body).toBe(200);
    await processEvents(db);
    await flushGroups();
    expect(await subjectsTo('sessions@example.test')).toEqual(['Support session started: Grace']);
    expect(await subjectsTo('sessions-ended@example.test')).toEqual([]);
    const end = await call(app, tech.caller, {
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/end`,
      payload: { outcome: 'resolved' },
    });
    expect(end.statusCode, end.body).toBe(200);
    await processEvents(db);
    await flushGroups();
    expect(await subjectsTo('sessions-ended@example.test')).toEqual(['Support session ended: Grace']);
  });
});
