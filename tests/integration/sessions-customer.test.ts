import { describe, expect, it } from 'vitest';
import { limits } from '../../src/shared/limits.js';
import { sha256 } from '../../src/server/platform/crypto/secrets.js';
import { updateRequest } from '../../src/server/modules/requests/index.js';
import { anAccount, anAccountSetting, aSupportRequest, eventsAbout, slugOf } from '../support/builders/index.js';
import { httpAll, httpCall, listenOnLoopback, statusCounts } from '../support/parallel-http.js';
import { anonymous, call, createTestApp, signIn } from '../support/test-app.js';
import { customer, seated, submit, visitor } from './support-kit.js';
import {
  aCode,
  aWaitingSession,
  invite,
  portalEnabled,
  requestOf,
  sessionRow,
  timelineOf,
} from './sessions-customer-kit.js';

const { app, database } = await createTestApp({ TANDEM_TURN_SECRET: 'turn-test-secret' });
const db = database.db;
const base = await listenOnLoopback(app);
const account = await anAccount(db, { name: 'Codes', companies: 2 });
const [own, other] = [account.companyIds[0]!, account.companyIds[1]!];
const admin = await signIn(app, account.admin.email);
const tech = await seated(app, db, account, admin, ['remoteSupport'], [own, other]);
const slug = await slugOf(db, own);
const otherSlug = await slugOf(db, other);

let ip = 1;
/** each call from its own address, unless told: the wrong-code throttle stays out of other tests' way */
const join = (path: string, payload: object, remoteAddress = `10.9.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`) =>
  app.inject({ method: 'POST', url: path, payload, remoteAddress });

async function joined(companyId = own) {
  const session = await aWaitingSession(db, account, companyId, tech.user.id);
  const res = await join(`/api/portal/${await slugOf(db, companyId)}/sessions`, { code: session.code, name: 'Ada' });
  expect(res.statusCode).toBe(201);
  return res.json() as { sessionId: string; visitorToken: string; requestId: string; slug: string };
}

describe('joining a session by code on a portal', () => {
  it('spends the code, opens a live chat taken by the technician, and gives the customer its token', async () => {
    const session = await aWaitingSession(db, account, own, tech.user.id);
    const res = await join(`/api/portal/${slug}/sessions`, { code: session.code, name: 'Ada', language: 'fr' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ sessionId: session.id, slug, requestId: expect.any(String) });
    const row = await sessionRow(db, session.id);
    expect(row).toMatchObject({ status: 'joined', requestId: body.requestId, customerName: 'Ada' });
    expect(row.joinedAt).not.toBeNull();
    expect(await timelineOf(db, session.id)).toEqual(['joined']);
    const request = await requestOf(db, body.requestId);
    expect(request).toMatchObject({
      status: 'active',
      kind: 'chat',
      assigneeId: tech.user.id,
      customerName: 'Ada',
      customerEmail: '',
      question: '',
      language: 'fr',
      companyId: own,
      visitorTokenHash: sha256(body.visitorToken),
    });
    expect(request.acceptedAt).not.toBeNull();
    // the code is spent
    expect((await join(`/api/portal/${slug}/sessions`, { code: session.code, name: 'Eve' })).statusCode).toBe(404);
  });

  it('asks for the name when the session has no chat, and leaves the code unspent', async () => {
    const session = await aWaitingSession(db, account, own, tech.user.id);
    const res = await join(`/api/portal/${slug}/sessions`, { code: session.code });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'name', code: 'required' })]);
    expect((await sessionRow(db, session.id)).status).toBe('waiting');
    expect((await join(`/api/portal/${slug}/sessions`, { code: '12345' })).statusCode).toBe(400);
  });

  it('answers the same 404 for an unknown, expired or other company’s code, and an unknown portal', async () => {
    const expired = await aWaitingSession(db, account, own, tech.user.id, { expiresInMs: -1000 });
    const elsewhere = await aWaitingSession(db, account, other, tech.user.id);
    const answers = await Promise.all([
      join(`/api/portal/${slug}/sessions`, { code: aCode(), name: 'A' }),
      join(`/api/portal/${slug}/sessions`, { code: expired.code, name: 'A' }),
      join(`/api/portal/${slug}/sessions`, { code: elsewhere.code, name: 'A' }),
      join(`/api/portal/no-such-portal/sessions`, { code: elsewhere.code, name: 'A' }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404, 404]);
    expect(new Set(answers.map((a) => a.json().error.message)).size).toBe(1);
    expect((await sessionRow(db, elsewhere.id)).status).toBe('waiting');
    // on its own company's portal it works
    expect((await join(`/api/portal/${otherSlug}/sessions`, { code: elsewhere.code, name: 'A' })).statusCode).toBe(201);
  });

  it('gives one code to one customer when two race for it (parallel HTTP from two addresses)', async () => {
    for (let round = 0; round < 3; round++) {
      const session = await aWaitingSession(db, account, own, tech.user.id);
      const answers = await httpAll(
        base,
        ['127.0.0.21', '127.0.0.22', '127.0.0.23'].map((from) => ({
          method: 'POST',
          path: `/api/portal/${slug}/sessions`,
          body: { code: session.code, name: `Racer ${from}` },
          from,
        })),
      );
      expect(statusCounts(answers)).toEqual({ 201: 1, 404: 2 });
      expect(await timelineOf(db, session.id)).toEqual(['joined']);
      const winner = answers.find((a) => a.status === 201)!.json();
      expect((await sessionRow(db, session.id)).requestId).toBe(winner.requestId);
    }
  });

  it(`refuses with 429 beyond ${limits.sessionCodeFailuresPerAddress} wrong codes from one address, before looking the code up`, async () => {
    const from = '127.0.0.31';
    const wrong = () => ({
      method: 'POST',
      path: `/api/portal/${slug}/sessions`,
      body: { code: aCode(), name: 'X' },
      from,
    });
    const answers = await httpAll(base, Array.from({ length: limits.sessionCodeFailuresPerAddress + 6 }, wrong));
    expect(statusCounts(answers)).toEqual({ 404: limits.sessionCodeFailuresPerAddress, 429: 6 });
    expect(answers.find((a) => a.status === 429)!.headers['retry-after']).toBe(
      String(limits.sessionCodeWindowMinutes * 60),
    );
    // a right code is refused too while throttled, on the join page as on any portal, and stays unspent
    const session = await aWaitingSession(db, account, other, tech.user.id);
    const right = await httpCall(base, {
      method: 'POST',
      path: `/api/join/sessions`,
      body: { code: session.code, name: 'X' },
      from,
    });
    expect(right.status).toBe(429);
    expect((await sessionRow(db, session.id)).status).toBe('waiting');
    // another address is not held back
    const elsewhere = await httpCall(base, {
      method: 'POST',
      path: `/api/join/sessions`,
      body: { code: session.code, name: 'X' },
      from: '127.0.0.32',
    });
    expect(elsewhere.status).toBe(201);
  });
});

describe("the account's join page", () => {
  it('finds the session by its code alone and names the company’s portal, even a disabled one', async () => {
    const session = await aWaitingSession(db, account, other, tech.user.id);
    await portalEnabled(db, other, false);
    try {
      const res = await join('/api/join/sessions', { code: session.code, name: 'Bo' });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ sessionId: session.id, slug: otherSlug });
      // the session's customer routes answer on that portal's address while it is disabled
      const view = await call(
        app,
        { headers: visitor(body.visitorToken) },
        {
          method: 'GET',
          url: `/api/portal/${otherSlug}/sessions/${session.id}`,
        },
      );
      expect(view.statusCode).toBe(200);
      expect(await timelineOf(db, session.id)).toEqual(['joined']);
    } finally {
      await portalEnabled(db, other, true);
    }
    const page = await app.inject({ method: 'GET', url: '/join' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
  });
});

describe('a session escalated from a chat', () => {
  /** The technician's own path: a customer's chat accepted, then "Request screen sharing". */
  async function escalated(n: number) {
    // the sessions of the tests above stay open
    await anAccountSetting(db, account, 'sessions.maxPerTechnician', 50);
    const visitorToken = `escalated-chat-token-${n}`;
    const request = await aSupportRequest(db, account.id, own, { acceptedAt: new Date(), customerName: `Carla ${n}` });
    await updateRequest(db, account.id, request.id, {
      assigneeId: tech.user.id,
      kind: 'chat',
      visitorTokenHash: sha256(visitorToken),
    });
    const chat = { id: request.id, visitorToken };
    const created = await call(app, tech.caller, {
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { companyId: own, requestId: chat.id },
    });
    expect(created.statusCode, created.body).toBe(201);
    const as = { headers: visitor(chat.visitorToken) };
    return {
      chat,
      sessionId: created.json().id as string,
      as,
      url: `/api/portal/${slug}/sessions/${created.json().id}`,
    };
  }

  it('is found by the chat’s customer with its visitor token, and by no one else; finding it changes nothing', async () => {
    const { chat, sessionId, as } = await escalated(1);
    const path = `/api/portal/${slug}/requests/${chat.id}/session`;
    expect((await call(app, { headers: visitor('wrong') }, { method: 'POST', url: path })).statusCode).toBe(404);
    expect(
      (
        await call(app, anonymous, {
          method: 'POST',
          url: `/api/portal/${otherSlug}/requests/${chat.id}/session`,
          headers: visitor(chat.visitorToken),
        })
      ).statusCode,
    ).toBe(404);
    // the chat page asks when it loads and at each line: the customer has not opened the session
    for (let i = 0; i < 2; i++) {
      const res = await call(app, as, { method: 'POST', url: path });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ sessionId, visitorToken: chat.visitorToken, requestId: chat.id, slug });
    }
    const row = await sessionRow(db, sessionId);
    expect(row).toMatchObject({ status: 'waiting', joinedAt: null });
    expect(await timelineOf(db, sessionId)).toEqual(['created', 'escalated']);
  });

  it('is joined when its customer agrees on the consent step: joined, then consented, on the timeline', async () => {
    const { sessionId, as, url } = await escalated(2);
    expect((await call(app, as, { method: 'GET', url })).json()).toMatchObject({ status: 'waiting', consented: false });
    const res = await call(app, as, { method: 'POST', url: `${url}/consent`, payload: { consent: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'active', consented: true });
    const row = await sessionRow(db, sessionId);
    expect(row.joinedAt).not.toBeNull();
    expect(row.joinedAt!.getTime()).toBe(row.startedAt!.getTime());
    expect(await timelineOf(db, sessionId)).toEqual(['created', 'escalated', 'joined', 'consented']);
    expect((await eventsAbout(db, sessionId)).map((e) => e.type)).toEqual(['session.started']);
  });

  it('declined from the chat, it ends without the customer having joined; left before consenting, likewise', async () => {
    const declined = await escalated(3);
    const res = await call(app, declined.as, {
      method: 'POST',
      url: `${declined.url}/consent`,
      payload: { consent: false },
    });
    expect(res.json()).toMatchObject({ status: 'ended', consented: false });
    expect(await sessionRow(db, declined.sessionId)).toMatchObject({ outcome: 'customer_left', joinedAt: null });
    expect(await timelineOf(db, declined.sessionId)).toEqual(['created', 'escalated', 'declined', 'ended']);

    const left = await escalated(4);
    expect((await call(app, left.as, { method: 'POST', url: `${left.url}/leave` })).json()).toMatchObject({
      status: 'ended',
    });
    expect(await sessionRow(db, left.sessionId)).toMatchObject({ outcome: 'customer_left', joinedAt: null });
    expect(await timelineOf(db, left.sessionId)).toEqual(['created', 'escalated', 'ended']);
    expect(await eventsAbout(db, left.sessionId)).toEqual([]);
  });
});

describe("the customer's actions", () => {
  it('consents (active, session.started), shares, stops, and leaves (customer_left, session.ended)', async () => {
    const j = await joined();
    const as = { headers: visitor(j.visitorToken) };
    const url = `/api/portal/${slug}/sessions/${j.sessionId}`;
    const view = await call(app, as, { method: 'GET', url });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      sessionId: j.sessionId,
      status: 'joined',
      technicianName: 'Test technician',
      watching: ['Test technician'],
      consented: false,
      sharing: false,
      recorded: false,
      requestId: j.requestId,
    });
    expect(
      (await call(app, as, { method: 'POST', url: `${url}/sharing`, payload: { sharing: true } })).statusCode,
    ).toBe(409);
    const consented = await call(app, as, { method: 'POST', url: `${url}/consent`, payload: { consent: true } });
    expect(consented.statusCode).toBe(200);
    expect(consented.json()).toMatchObject({ status: 'active', consented: true });
    const started = (await eventsAbout(db, j.sessionId)).filter((e) => e.type === 'session.started');
    expect(started).toHaveLength(1);
    expect(started[0]!).toMatchObject({
      companyId: own,
      payload: { sessionId: j.sessionId, technicianId: tech.user.id, customerName: 'Ada' },
    });
    expect(
      (await call(app, as, { method: 'POST', url: `${url}/consent`, payload: { consent: true } })).statusCode,
    ).toBe(409);
    expect(
      (await call(app, as, { method: 'POST', url: `${url}/sharing`, payload: { sharing: true } })).json(),
    ).toMatchObject({ sharing: true });
    expect(
      (await call(app, as, { method: 'POST', url: `${url}/sharing`, payload: { sharing: false } })).json(),
    ).toMatchObject({ sharing: false });
    const left = await call(app, as, { method: 'POST', url: `${url}/leave` });
    expect(left.json()).toMatchObject({ status: 'ended' });
    expect((await sessionRow(db, j.sessionId)).outcome).toBe('customer_left');
    expect(await timelineOf(db, j.sessionId)).toEqual([
      'joined',
      'consented',
      'sharing_started',
      'sharing_stopped',
      'ended',
    ]);
    const events = await eventsAbout(db, j.sessionId);
    expect(events.map((e) => e.type)).toEqual(['session.started', 'session.ended']);
    expect(events[1]!.payload).toMatchObject({ outcome: 'customer_left', customerName: 'Ada' });
    expect(events[1]!.payload).toHaveProperty('durationSeconds', expect.any(Number));
  });

  it('declining ends the session as customer_left', async () => {
    const j = await joined();
    const res = await call(
      app,
      { headers: visitor(j.visitorToken) },
      {
        method: 'POST',
        url: `/api/portal/${slug}/sessions/${j.sessionId}/consent`,
        payload: { consent: false },
      },
    );
    expect(res.json()).toMatchObject({ status: 'ended', consented: false });
    expect(await timelineOf(db, j.sessionId)).toEqual(['joined', 'declined', 'ended']);
    expect((await sessionRow(db, j.sessionId)).outcome).toBe('customer_left');
  });

  it('answers 404 to a wrong token, another portal, or another session', async () => {
    const a = await joined();
    const b = await joined();
    const get = (s: string, id: string, token: string) =>
      call(app, { headers: visitor(token) }, { method: 'GET', url: `/api/portal/${s}/sessions/${id}` });
    expect((await get(slug, a.sessionId, b.visitorToken)).statusCode).toBe(404);
    expect((await get(slug, a.sessionId, 'nope')).statusCode).toBe(404);
    expect((await get(otherSlug, a.sessionId, a.visitorToken)).statusCode).toBe(404);
    const consent = await call(
      app,
      { headers: visitor(b.visitorToken) },
      {
        method: 'POST',
        url: `/api/portal/${slug}/sessions/${a.sessionId}/consent`,
        payload: { consent: true },
      },
    );
    expect(consent.statusCode).toBe(404);
    expect((await sessionRow(db, a.sessionId)).status).toBe('joined');
  });
});

describe("the portal's flood guard", () => {
  it('does not count the chats opened by session codes: a portal with a minute’s worth of them still takes a customer’s request', async () => {
    const portalSlug = await slugOf(db, other);
    for (let i = 0; i < limits.submissionsPerPortalMinute; i++) {
      const session = await aWaitingSession(db, account, other, tech.user.id);
      const res = await join(`/api/portal/${portalSlug}/sessions`, { code: session.code, name: `Code ${i}` });
      expect(res.statusCode, res.body).toBe(201);
      expect((await requestOf(db, res.json().requestId)).sourceIp).toBeNull();
    }
    const submitted = await submit(app, portalSlug, customer(99));
    expect(submitted.statusCode, submitted.body).toBe(201);
  });
});

describe('ICE servers', () => {
  it('gives STUN as set and TURN with a credential of the TURN REST scheme, to the customer and to technicians who may watch', async () => {
    await anAccountSetting(
      db,
      account,
      'sessions.iceServers',
      'stun:stun.example.test:3478\nturn:turn.example.test:3478',
    );
    const j = await joined();
    const res = await call(
      app,
      { headers: visitor(j.visitorToken) },
      {
        method: 'GET',
        url: `/api/portal/${slug}/sessions/${j.sessionId}/ice-servers`,
      },
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.iceServers[0]).toEqual({ urls: ['stun:stun.example.test:3478'] });
    const turn = body.iceServers[1];
    const expiry = Math.floor(new Date(body.expiresAt).getTime() / 1000);
    expect(turn.username).toBe(`${expiry}:${j.sessionId}`);
    expect(expiry - Date.now() / 1000).toBeGreaterThan(limits.turnCredentialSeconds - 60);
    const { createHmac } = await import('node:crypto');
    expect(turn.credential).toBe(createHmac('sha1', 'turn-test-secret').update(turn.username).digest('base64'));

    const technicianUrl = `/api/v1/sessions/${j.sessionId}/ice-servers`;
    expect((await call(app, tech.caller, { method: 'GET', url: technicianUrl })).statusCode).toBe(200);
    const stranger = await seated(app, db, account, admin, ['remoteSupport'], [own]);
    expect((await call(app, stranger.caller, { method: 'GET', url: technicianUrl })).statusCode).toBe(404);
    await invite(db, j.sessionId, stranger.user.id);
    expect((await call(app, stranger.caller, { method: 'GET', url: technicianUrl })).statusCode).toBe(200);
    const unseated = await seated(app, db, account, admin, [], [own]);
    await invite(db, j.sessionId, unseated.user.id);
    const refused = await call(app, unseated.caller, { method: 'GET', url: technicianUrl });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details).toMatchObject({ reason: 'seat_required' });
  });
});
