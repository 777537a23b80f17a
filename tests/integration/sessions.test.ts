import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { updateRequest } from '../../src/server/modules/requests/index.js';
import { createSession } from '../../src/server/modules/sessions/index.js';
import { hashSessionCode } from '../../src/server/modules/sessions/index.js';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import { httpAll, listenOnLoopback, statusCounts } from '../support/parallel-http.js';
import {
  adminActor,
  anAccount,
  anAccountSetting,
  aSupportRequest,
  aSupportSession,
  aUser,
  auditActionsOf,
  customerOpened,
  eventsAbout,
  messagesOf,
  requestRow,
  slugOf,
  supportSessionRow,
  timelineTypesOf,
  type TestUser,
} from '../support/builders/index.js';

const testApp = await createTestApp({ TANDEM_PUBLIC_URL: 'https://help.example.test' });
const { app, database, config } = testApp;
const db = database.db;

const account = await anAccount(db, { name: 'Sessions', companies: 2 });
const other = await anAccount(db, { name: 'Elsewhere', companies: 1 });
const [companyId, secondCompanyId] = account.companyIds;
const rs = ['remoteSupport'] as const;
// the account records nothing unless a company says otherwise (the code default is `optional`)
await anAccountSetting(db, account, 'sessions.recording', 'off');

async function person(options: Parameters<typeof aUser>[2]): Promise<{ user: TestUser; caller: Caller }> {
  const user = await aUser(db, account, options);
  return { user, caller: await signIn(app, user.email) };
}

const admin = { user: account.admin, caller: await signIn(app, account.admin.email) };
await call(app, admin.caller, {
  method: 'POST',
  url: `/api/v1/seats/remoteSupport/assignments`,
  payload: { userId: account.admin.id },
});
const tech = await person({ role: 'technician', companies: [companyId], seats: [...rs], name: 'Ada Tech' });
const tech2 = await person({ role: 'technician', companies: [companyId], seats: [...rs], name: 'Bob Second' });
const noSeat = await person({ role: 'technician', companies: [companyId], name: 'Cy Unseated' });
const colleague = await person({ role: 'technician', companies: [secondCompanyId], seats: [...rs], name: 'Di Far' });
const viewer = await person({ role: 'viewer', companies: [companyId] });
const otherAdmin = other.admin;

const post = (caller: Caller, url: string, payload: object) => call(app, caller, { method: 'POST', url, payload });
const get = (caller: Caller, url: string) => call(app, caller, { method: 'GET', url });
const create = (caller: Caller, payload: object = { companyId }) => post(caller, '/api/v1/sessions', payload);
const end = (caller: Caller, id: string) => post(caller, `/api/v1/sessions/${id}/end`, { outcome: 'resolved' });

async function companySetting(company: string, key: string, value: unknown) {
  const res = await call(app, admin.caller, {
    method: 'PATCH',
    url: `/api/v1/companies/${company}/settings`,
    payload: { values: { [key]: value } },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** An active live chat held by `holder`. */
async function activeChat(holder: TestUser, company = companyId!) {
  const chat = await aSupportRequest(db, account.id, company, { acceptedAt: new Date(), customerName: 'Carla' });
  await updateRequest(db, account.id, chat.id, { assigneeId: holder.id, kind: 'chat', language: 'fr' });
  return chat;
}

describe('POST /api/v1/sessions', () => {
  it('gives a nine-digit code stored only as its sha-256, a join link to the company portal, valid ten minutes', async () => {
    const before = Date.now();
    const res = await create(tech.caller);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.code).toMatch(/^\d{9}$/);
    expect(body.joinUrl).toBe(`https://help.example.test/portal/${await slugOf(db, companyId!)}?code=${body.code}`);
    const expires = Date.parse(body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 10 * 60_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 10 * 60_000 + 1000);
    expect(body).toMatchObject({
      status: 'waiting',
      recording: 'off',
      recorded: false,
      technician: { id: tech.user.id, name: 'Ada Tech' },
      companyId,
      abilities: { end: true, invite: true, transfer: true, watch: false },
    });
    const row = await supportSessionRow(db, body.id);
    expect(row.codeHash).toBe(createHash('sha256').update(body.code).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(body.code);
    expect(await timelineTypesOf(db, body.id)).toEqual(['created']);
    expect(await auditActionsOf(db, body.id)).toEqual(['session.create']);
    await end(tech.caller, body.id);
  });

  it('draws codes that differ, and draws again when a code is already waiting', async () => {
    const codes = new Set<string>();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await create(tech2.caller);
      expect(res.statusCode, res.body).toBe(201);
      codes.add(res.json().code);
      ids.push(res.json().id);
    }
    expect(codes.size).toBe(3);
    // the first draw repeats a waiting code: the unique index refuses it and the next draw is used
    const taken = [...codes][0]!;
    const draws = [taken, '000000042'];
    const created = await createSession(
      db,
      config,
      { actor: null, ip: null, requestId: 'test' },
      adminActor(account),
      { companyId: companyId! },
      () => draws.shift()!,
    );
    expect(created.code).toBe('000000042');
    expect((await supportSessionRow(db, created.id)).codeHash).toBe(hashSessionCode('000000042'));
    for (const id of [...ids, created.id]) await end(admin.caller, id);
  });

  it('refuses a session past sessions.maxPerTechnician open ones with 409 session_limit', async () => {
    await anAccountSetting(db, account, 'sessions.maxPerTechnician', 2);
    const limited = await person({ role: 'technician', companies: [companyId], seats: [...rs] });
    const first = await create(limited.caller);
    expect((await create(limited.caller)).statusCode).toBe(201);
    const third = await create(limited.caller);
    expect(third.statusCode).toBe(409);
    expect(third.json().error.details).toMatchObject({ reason: 'session_limit', limit: 2 });
    // an ended session no longer counts
    await end(limited.caller, first.json().id);
    expect((await create(limited.caller)).statusCode).toBe(201);
    await anAccountSetting(db, account, 'sessions.maxPerTechnician', 50);
  });

  it('holds the limit when one technician creates sessions in parallel (8 connections, limit 2)', async () => {
    await anAccountSetting(db, account, 'sessions.maxPerTechnician', 2);
    const racer = await person({ role: 'technician', companies: [companyId], seats: [...rs] });
    const base = await listenOnLoopback(app);
    const answers = await httpAll(
      base,
      Array.from({ length: 8 }, (_, i) => ({
        method: 'POST',
        path: '/api/v1/sessions',
        headers: racer.caller.headers,
        body: { companyId },
        from: `127.0.0.${10 + i}`,
      })),
    );
    expect(statusCounts(answers)).toEqual({ 201: 2, 409: 6 });
    await anAccountSetting(db, account, 'sessions.maxPerTechnician', 50);
  });

  it('needs a Remote Support seat (403 seat_required), sessions.run (viewers 403) and the company (404)', async () => {
    const unseated = await create(noSeat.caller);
    expect(unseated.statusCode).toBe(403);
    expect(unseated.json().error.details).toEqual({ reason: 'seat_required', module: 'remoteSupport' });
    expect((await create(viewer.caller)).statusCode).toBe(403);
    expect((await create(tech.caller, { companyId: secondCompanyId })).statusCode).toBe(404);
    expect((await create(tech.caller, { companyId: other.companyIds[0] })).statusCode).toBe(404);
    expect((await create(tech.caller, { companyId: 'nope' })).statusCode).toBe(400);
  });

  it('follows the company’s sessions.recording: off, always, optional with the technician’s choice', async () => {
    const recorded = async (payload: object) => {
      const res = await create(colleague.caller, { companyId: secondCompanyId, ...payload });
      expect(res.statusCode, res.body).toBe(201);
      await end(colleague.caller, res.json().id);
      return [res.json().recording, res.json().recorded];
    };
    expect(await recorded({ recorded: true })).toEqual(['off', false]);
    await companySetting(secondCompanyId!, 'sessions.recording', 'always');
    expect(await recorded({})).toEqual(['always', true]);
    await companySetting(secondCompanyId!, 'sessions.recording', 'optional');
    expect(await recorded({})).toEqual(['optional', false]);
    expect(await recorded({ recorded: true })).toEqual(['optional', true]);
    await companySetting(secondCompanyId!, 'sessions.recording', null);
  });
});

describe('escalating a live chat', () => {
  it('turns the caller’s active chat into a session without code waiting for its customer, with a line in the chat', async () => {
    const chat = await activeChat(tech.user);
    const res = await create(tech.caller, { companyId, requestId: chat.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      code: null,
      joinUrl: null,
      expiresAt: null,
      status: 'waiting',
      joinedAt: null,
      requestId: chat.id,
      customerName: 'Carla',
      // nothing to watch until the customer opens it
      abilities: { watch: false, end: true },
    });
    expect(await timelineTypesOf(db, res.json().id)).toEqual(['created', 'escalated']);
    const lines = await messagesOf(db, chat.id);
    expect(lines.at(-1)).toMatchObject({ authorType: 'system', body: expect.stringContaining('Ada demande à voir') });
    // a second session for the same chat while this one is open
    const again = await create(tech.caller, { companyId, requestId: chat.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toMatchObject({ reason: 'session_open' });
    // ending the session leaves the chat open
    expect((await end(tech.caller, res.json().id)).statusCode).toBe(200);
    expect((await requestRow(db, chat.id)).status).toBe('active');
  });

  it('answers 404 for someone else’s chat or another company’s, 409 for a chat that is not active', async () => {
    const theirs = await activeChat(tech2.user);
    expect((await create(tech.caller, { companyId, requestId: theirs.id })).statusCode).toBe(404);
    expect((await create(tech2.caller, { companyId: secondCompanyId, requestId: theirs.id })).statusCode).toBe(404);
    await updateRequest(db, account.id, theirs.id, { status: 'closed', closedAt: new Date() });
    const closed = await create(tech2.caller, { companyId, requestId: theirs.id });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.details).toMatchObject({ reason: 'not_active' });
  });
});

describe('reading sessions', () => {
  it('lists newest first with filters and pages; viewers read their companies’; a forged cursor is 400', async () => {
    const lister = await person({ role: 'technician', companies: [companyId], seats: [...rs], name: 'Lister' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create(lister.caller)).json().id);
    const farId = (await create(colleague.caller, { companyId: secondCompanyId })).json().id;
    await end(lister.caller, ids[0]!);

    const page1 = await get(lister.caller, `/api/v1/sessions?technicianId=${lister.user.id}&limit=2`);
    expect(page1.statusCode, page1.body).toBe(200);
    expect(page1.json().items.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    const page2 = await get(
      lister.caller,
      `/api/v1/sessions?technicianId=${lister.user.id}&limit=2&cursor=${page1.json().nextCursor}`,
    );
    expect(page2.json()).toMatchObject({
      items: [{ id: ids[0], status: 'ended', outcome: 'resolved' }],
      nextCursor: null,
    });

    const ended = await get(viewer.caller, `/api/v1/sessions?technicianId=${lister.user.id}&status=ended`);
    expect(ended.json().items.map((s: { id: string }) => s.id)).toEqual([ids[0]]);
    expect(ended.json().items[0].abilities).toEqual({
      watch: false,
      end: false,
      invite: false,
      transfer: false,
      watchRecording: false,
    });
    const resolved = await get(viewer.caller, `/api/v1/sessions?outcome=resolved&technicianId=${lister.user.id}`);
    expect(resolved.json().items).toHaveLength(1);
    const all = (await get(viewer.caller, '/api/v1/sessions?limit=200')).json().items.map((s: { id: string }) => s.id);
    expect(all).toContain(ids[1]);
    expect(all).not.toContain(farId);
    expect((await get(viewer.caller, `/api/v1/sessions/${farId}`)).statusCode).toBe(404);
    expect((await get(viewer.caller, `/api/v1/sessions?companyId=${secondCompanyId}`)).statusCode).toBe(404);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await get(lister.caller, `/api/v1/sessions?from=${today}&to=${today}&technicianId=${lister.user.id}`)).json()
        .items,
    ).toHaveLength(3);
    expect(
      (await get(lister.caller, `/api/v1/sessions?to=2020-01-01&technicianId=${lister.user.id}`)).json().items,
    ).toHaveLength(0);

    const forged = await get(
      lister.caller,
      `/api/v1/sessions?cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
    );
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.details[0]).toMatchObject({ path: 'query.cursor' });
    for (const id of ids.slice(1)) await end(lister.caller, id);
    await end(colleague.caller, farId);
  });

  it('filters by duration (minMinutes) from consent to end', async () => {
    const now = Date.now();
    const long = await aSupportSession(db, {
      accountId: account.id,
      companyId: companyId!,
      technicianId: tech2.user.id,
      status: 'ended',
      outcome: 'resolved',
      startedAt: new Date(now - 40 * 60_000),
      endedAt: new Date(now - 5 * 60_000),
    });
    const short = await aSupportSession(db, {
      accountId: account.id,
      companyId: companyId!,
      technicianId: tech2.user.id,
      status: 'ended',
      outcome: 'resolved',
      startedAt: new Date(now - 3 * 60_000),
      endedAt: new Date(now - 2 * 60_000),
    });
    const items = (await get(admin.caller, `/api/v1/sessions?technicianId=${tech2.user.id}&minMinutes=30`)).json()
      .items as { id: string; durationSeconds: number }[];
    expect(items.map((s) => s.id)).toEqual([long.id]);
    expect(items[0]!.durationSeconds).toBe(35 * 60);
    const shortOnes = (await get(admin.caller, `/api/v1/sessions?technicianId=${tech2.user.id}&minMinutes=0`)).json();
    expect(shortOnes.items.map((s: { id: string }) => s.id)).toContain(short.id);
  });

  it('exports the same filters as CSV', async () => {
    const csvTech = await person({ role: 'technician', companies: [companyId], seats: [...rs], name: '=Csv Tech' });
    const one = (await create(csvTech.caller)).json();
    await post(csvTech.caller, `/api/v1/sessions/${one.id}/end`, { outcome: 'resolved', notes: 'fixed, "printer"' });
    const res = await get(viewer.caller, `/api/v1/sessions.csv?technicianId=${csvTech.user.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/tandem-sessions-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,company,technician,customer,status,outcome,recorded,created_at,started_at,ended_at,duration_seconds,watchers,notes,kind,device,mode',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${one.id},`);
    expect(lines[1]).toContain(`,'=Csv Tech,,ended,resolved,no,`);
    expect(lines[1]).toContain('"fixed, ""printer"""');
    expect((await get(viewer.caller, `/api/v1/sessions.csv?companyId=${secondCompanyId}`)).statusCode).toBe(404);
  });

  it('shows one session with its timeline and the actors’ names', async () => {
    const created = (await create(tech.caller)).json();
    await post(tech.caller, `/api/v1/sessions/${created.id}/invite`, { userId: tech2.user.id });
    await end(tech.caller, created.id);
    const res = await get(viewer.caller, `/api/v1/sessions/${created.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().timeline).toMatchObject([
      { type: 'created', side: 'technician', actor: { id: tech.user.id, name: 'Ada Tech' } },
      { type: 'invited', actor: { name: 'Ada Tech' }, data: { user: { id: tech2.user.id, name: 'Bob Second' } } },
      { type: 'ended', actor: { name: 'Ada Tech' }, data: { outcome: 'resolved' } },
    ]);
    expect((await get(viewer.caller, '/api/v1/sessions/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const outsider = await signIn(app, otherAdmin.email);
    expect((await get(outsider, `/api/v1/sessions/${created.id}`)).statusCode).toBe(404);
  });
});

describe('ending a session', () => {
  it('ends with outcome and notes, and refuses a second end with 409', async () => {
    const created = (await create(tech.caller)).json();
    expect((await end(viewer.caller, created.id)).statusCode).toBe(403);
    expect((await end(tech2.caller, created.id)).statusCode).toBe(403);
    const res = await post(tech.caller, `/api/v1/sessions/${created.id}/end`, { outcome: 'resolved', notes: 'done' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ended',
      outcome: 'resolved',
      notes: 'done',
      abilities: { end: false },
    });
    const row = await supportSessionRow(db, created.id);
    expect(row).toMatchObject({ endedBy: tech.user.id, status: 'ended' });
    expect(row.endedAt).not.toBeNull();
    // the customer never came: not a support session that took place, so no session.ended for alert rules
    // (a session that started ends with one: sessions-customer.test.ts)
    expect(await eventsAbout(db, created.id)).toEqual([]);
    const again = await end(tech.caller, created.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ reason: 'session_over', status: 'ended' });
    expect(await auditActionsOf(db, created.id)).toEqual(expect.arrayContaining(['session.create', 'session.end']));
  });

  it('lets an administrator end a technician’s session', async () => {
    const created = (await create(tech.caller)).json();
    expect((await end(admin.caller, created.id)).statusCode).toBe(200);
  });
});

describe('invite and transfer', () => {
  it('invites a seated technician of the company; refuses no seat, no access, other accounts, and removes', async () => {
    const chat = await activeChat(tech.user);
    const created = (await create(tech.caller, { companyId, requestId: chat.id })).json();
    const invite = (caller: Caller, userId: string) =>
      post(caller, `/api/v1/sessions/${created.id}/invite`, { userId });
    expect((await invite(tech2.caller, tech2.user.id)).statusCode).toBe(403);
    const res = await invite(tech.caller, tech2.user.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().watchers).toEqual([{ id: tech2.user.id, name: 'Bob Second' }]);
    const seen = async () => (await get(tech2.caller, `/api/v1/sessions/${created.id}`)).json().abilities;
    // nothing to watch until the customer opens the session
    expect(await seen()).toMatchObject({ watch: false, end: false, invite: false, transfer: false });
    await customerOpened(db, created.id);
    expect(await seen()).toMatchObject({ watch: true, end: false, invite: false, transfer: false });
    expect((await invite(tech.caller, tech2.user.id)).json().error.details).toEqual({
      reason: 'already_watching',
      userId: tech2.user.id,
    });
    expect((await invite(tech.caller, noSeat.user.id)).json().error.details).toEqual({
      reason: 'seat_required',
      module: 'remoteSupport',
    });
    const far = await invite(tech.caller, colleague.user.id);
    expect(far.statusCode).toBe(409);
    expect(far.json().error.details).toEqual({ reason: 'no_company_access', userId: colleague.user.id });
    expect((await invite(tech.caller, otherAdmin.id)).statusCode).toBe(404);
    expect((await invite(tech.caller, viewer.user.id)).statusCode).toBe(404);
    expect((await invite(tech.caller, tech.user.id)).json().error.details).toEqual({ reason: 'same_technician' });
    expect(await timelineTypesOf(db, created.id)).toEqual(['created', 'escalated', 'invited']);

    const removed = await call(app, tech.caller, {
      method: 'DELETE',
      url: `/api/v1/sessions/${created.id}/watchers/${tech2.user.id}`,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().watchers).toEqual([]);
    expect((await get(tech2.caller, `/api/v1/sessions/${created.id}`)).json().abilities.watch).toBe(false);
    const again = await call(app, tech.caller, {
      method: 'DELETE',
      url: `/api/v1/sessions/${created.id}/watchers/${tech2.user.id}`,
    });
    expect(again.statusCode).toBe(404);
    expect(await auditActionsOf(db, created.id)).toEqual(
      expect.arrayContaining(['session.invite', 'session.remove_watcher']),
    );
    await end(tech.caller, created.id);
  });

  it('moves ownership and the abilities with it, under the new owner’s limit', async () => {
    const created = (await create(tech.caller)).json();
    const transfer = (caller: Caller, userId: string) =>
      post(caller, `/api/v1/sessions/${created.id}/transfer`, { userId });
    expect((await transfer(tech.caller, colleague.user.id)).json().error.details.reason).toBe('no_company_access');
    const res = await transfer(tech.caller, tech2.user.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().technician).toEqual({ id: tech2.user.id, name: 'Bob Second' });
    expect(res.json().abilities).toMatchObject({ end: false, invite: false, transfer: false });
    const theirs = (await get(tech2.caller, `/api/v1/sessions/${created.id}`)).json();
    expect(theirs.abilities).toMatchObject({ end: true, invite: true, transfer: true });
    expect((await end(tech.caller, created.id)).statusCode).toBe(403);
    expect(await timelineTypesOf(db, created.id)).toEqual(['created', 'transferred']);
    expect(await auditActionsOf(db, created.id)).toContain('session.transfer');

    // the new owner at their limit refuses the transfer
    await anAccountSetting(db, account, 'sessions.maxPerTechnician', 1);
    const another = (await create(tech.caller)).json();
    const full = await post(tech.caller, `/api/v1/sessions/${another.id}/transfer`, { userId: tech2.user.id });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.details).toMatchObject({ reason: 'session_limit', limit: 1, userId: tech2.user.id });
    await anAccountSetting(db, account, 'sessions.maxPerTechnician', 50);
    await end(tech2.caller, created.id);
    await end(tech.caller, another.id);
  });
});

describe('the recording choice', () => {
  it('is the owner’s with optional recording, before the customer consents', async () => {
    await companySetting(companyId!, 'sessions.recording', 'optional');
    const created = (await create(tech.caller)).json();
    const choose = (caller: Caller, id: string, recorded: boolean) =>
      call(app, caller, { method: 'PUT', url: `/api/v1/sessions/${id}/recording`, payload: { recorded } });
    expect((await choose(tech2.caller, created.id, true)).statusCode).toBe(403);
    const res = await choose(tech.caller, created.id, true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().recorded).toBe(true);
    expect(await auditActionsOf(db, created.id)).toContain('session.choose_recording');

    const consented = await aSupportSession(db, {
      accountId: account.id,
      companyId: companyId!,
      technicianId: tech.user.id,
      status: 'active',
      recordingPolicy: 'optional',
      startedAt: new Date(),
    });
    expect((await choose(tech.caller, consented.id, true)).json().error.details).toEqual({ reason: 'consented' });
    await companySetting(companyId!, 'sessions.recording', 'always');
    const always = (await create(tech.caller)).json();
    expect((await choose(tech.caller, always.id, false)).json().error.details).toEqual({
      reason: 'recording_fixed',
      policy: 'always',
    });
    await companySetting(companyId!, 'sessions.recording', null);
    for (const id of [created.id, consented.id, always.id]) await end(tech.caller, id);
  });
});
