import { createPublicKey, verify } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { readGrantPayload, splitGrant, type GrantPayload } from '../../src/shared/remote/grant.js';
import { revokeDevice } from '../../src/server/modules/devices/index.js';
import { sweepDeviceSessions } from '../../src/server/modules/remote/index.js';
import { agentConnections } from '../../src/server/modules/remote/tables.js';
import { supportSessions } from '../../src/server/modules/sessions/tables.js';
import { call, signIn, type Caller } from '../support/test-app.js';
import { openLive, type LiveClient } from '../support/live-client.js';
import { twoProcesses } from '../support/two-processes.js';
import { eventually } from '../support/eventually.js';
import { anAccount, auditRowsOf, aUser, supportSessionRow } from '../support/builders/index.js';
import { dataKeyOf, enrolDevice } from './devices-support.js';

const { first, second, baseA, baseB, opened } = await twoProcesses();
const { app, database } = first;
const db = database.db;

const account = await anAccount(db, { name: 'Device sessions', companies: 2 });
const other = await anAccount(db, { name: 'Elsewhere', companies: 1 });
const [companyId, secondCompanyId] = account.companyIds as [string, string];
const rs = ['remoteSupport'] as const;
const person = async (options: Parameters<typeof aUser>[2]) => {
  const user = await aUser(db, account, options);
  return { user, caller: await signIn(app, user.email) };
};
const tech = await person({ role: 'technician', companies: [companyId], seats: [...rs], name: 'Ada Tech' });
const tech2 = await person({ role: 'technician', companies: [companyId], seats: [...rs], name: 'Bob Second' });
const noSeat = await person({ role: 'technician', companies: [companyId], name: 'Cy Unseated' });
const far = await person({ role: 'technician', companies: [secondCompanyId], seats: [...rs], name: 'Di Far' });
const viewer = await person({ role: 'viewer', companies: [companyId] });
const admin = await signIn(app, account.admin.email);
const otherAdmin = await signIn(app, other.admin.email);

const enrol = async (name: string) => enrolDevice(app, await dataKeyOf(db, companyId), { name });
const post = (caller: Caller, url: string, payload: object) => call(app, caller, { method: 'POST', url, payload });
const get = (caller: Caller, url: string) => call(app, caller, { method: 'GET', url });
const openOn = (deviceId: string, payload: object = { mode: 'control' }, caller = tech.caller) =>
  post(caller, `/api/v1/devices/${deviceId}/sessions`, payload);

async function agent(credential: string, base = baseA): Promise<LiveClient> {
  const client = await openLive(`${base}/api/agent/live`, { authorization: `Device ${credential}` });
  opened.push(client);
  await client.next((m) => m.type === 'hello');
  return client;
}

/** What tandem-agent does with a grant: verified against the pinned key with node:crypto, then read. */
function verifiedGrant(grant: string, rawKey: string): GrantPayload {
  const parts = splitGrant(grant)!;
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: rawKey }, format: 'jwk' });
  expect(verify(null, parts.payloadBytes, key, parts.signature)).toBe(true);
  return readGrantPayload(parts.payloadBytes)!;
}

async function grantOf(client: LiveClient, sessionId: string, rawKey: string): Promise<GrantPayload> {
  const frames = () => client.messages.filter((m) => m.type === 'session.open');
  const find = () =>
    frames().find((m) => readGrantPayload(splitGrant(m.grant as string)!.payloadBytes)?.sessionId === sessionId);
  await client.next((m) => m.type === 'session.open' && !!find());
  return verifiedGrant(find()!.grant as string, rawKey);
}

const statusOf = async (id: string) => (await supportSessionRow(db, id)).status;
const timelineOf = async (id: string) =>
  ((await get(admin, `/api/v1/sessions/${id}`)).json().timeline as { type: string; data: object }[]).map((e) => e.type);

const pc = await enrol('Reception PC');

describe('GET /api/v1/devices/{id}/remote and opening a session', () => {
  it('says the agent is offline, and refuses a session until its control socket is there', async () => {
    const res = await get(tech.caller, `/api/v1/devices/${pc.deviceId}/remote`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      deviceId: pc.deviceId,
      connected: false,
      unavailable: 'agent_offline',
      consent: { mode: 'notify', seconds: 30 },
      fileMaxBytes: 100 * 1024 * 1024,
      recording: 'optional',
      openSessionId: null,
      abilities: { view: true, control: true },
    });
    const refused = await openOn(pc.deviceId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toEqual({ reason: 'agent_offline' });
    expect((await get(viewer.caller, `/api/v1/devices/${pc.deviceId}/remote`)).json().abilities).toEqual({
      view: false,
      control: false,
    });
  });

  it('sends the agent a signed grant; accepted, the session is active; the technician ends it and the agent is told', async () => {
    const client = await agent(pc.credential);
    const hello = client.messages.find((m) => m.type === 'hello')!;
    expect(hello).toEqual({ type: 'hello', deviceId: pc.deviceId, grantKey: (pc as { grantKey?: string }).grantKey });
    const key = hello.grantKey as string;
    expect((await get(tech.caller, `/api/v1/devices/${pc.deviceId}/remote`)).json()).toMatchObject({
      connected: true,
      unavailable: null,
    });

    const res = await openOn(pc.deviceId, { mode: 'control', recorded: true });
    expect(res.statusCode, res.body).toBe(201);
    const session = res.json();
    expect(session).toMatchObject({
      kind: 'device',
      status: 'waiting',
      device: { id: pc.deviceId, name: 'Reception PC' },
      mode: 'control',
      code: null,
      joinUrl: null,
      recorded: true,
      requestId: null,
    });
    const payload = await grantOf(client, session.id, key);
    expect(payload).toMatchObject({
      purpose: 'open',
      sessionId: session.id,
      deviceId: pc.deviceId,
      accountId: account.id,
      mode: 'control',
      technicianName: 'Ada Tech',
      consent: { mode: 'notify', seconds: 30 },
      fileMaxBytes: 100 * 1024 * 1024,
    });
    expect(payload.exp - payload.iat).toBe(60);

    const busy = await openOn(pc.deviceId, { mode: 'view' }, tech2.caller);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.details).toEqual({ reason: 'busy', sessionId: session.id });

    client.send({ type: 'session.consent', sessionId: session.id, result: 'accepted' });
    expect(await eventually(async () => (await statusOf(session.id)) === 'active')).toBe(true);
    expect(await timelineOf(session.id)).toEqual(['created', 'consented']);
    expect((await supportSessionRow(db, session.id)).startedAt).not.toBeNull();

    const end = await post(tech.caller, `/api/v1/sessions/${session.id}/end`, { outcome: 'resolved' });
    expect(end.statusCode, end.body).toBe(200);
    await client.next((m) => m.type === 'session.close' && m.sessionId === session.id);
    const audit = (await auditRowsOf(db, session.id)).map((r) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['session.device_open', 'session.device_consent', 'session.end']));
    client.close();
  });

  it('a declined consent ends the session refused', async () => {
    await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${companyId}/settings`,
      payload: { values: { 'devices.remoteConsent': 'ask', 'devices.remoteConsentSeconds': 10 } },
    });
    const client = await agent(pc.credential);
    const session = (await openOn(pc.deviceId, { mode: 'view' })).json();
    const payload = await grantOf(
      client,
      session.id,
      client.messages.find((m) => m.type === 'hello')!.grantKey as string,
    );
    expect(payload).toMatchObject({ mode: 'view', consent: { mode: 'ask', seconds: 10 }, fileMaxBytes: 0 });
    client.send({ type: 'session.consent', sessionId: session.id, result: 'declined' });
    expect(await eventually(async () => (await statusOf(session.id)) === 'ended')).toBe(true);
    expect((await supportSessionRow(db, session.id)).outcome).toBe('refused');
    expect(await timelineOf(session.id)).toEqual(['created', 'declined']);
    expect((await auditRowsOf(db, session.id)).map((r) => r.action)).toContain('session.device_refused');
    await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${companyId}/settings`,
      payload: { values: { 'devices.remoteConsent': null, 'devices.remoteConsentSeconds': null } },
    });
    client.close();
  });

  it('refuses without a seat (403), outside the company or account (404), for a viewer (403)', async () => {
    const client = await agent(pc.credential);
    // a technician at sessions.maxPerTechnician opens no more, on a device either
    const attended = (await post(tech.caller, '/api/v1/sessions', { companyId })).json();
    await call(app, admin, {
      method: 'PATCH',
      url: '/api/v1/settings',
      payload: { values: { 'sessions.maxPerTechnician': 1 } },
    });
    const limited = await openOn(pc.deviceId, { mode: 'view' });
    expect(limited.statusCode).toBe(409);
    expect(limited.json().error.details).toMatchObject({ reason: 'session_limit', limit: 1 });
    await call(app, admin, {
      method: 'PATCH',
      url: '/api/v1/settings',
      payload: { values: { 'sessions.maxPerTechnician': null } },
    });
    await post(tech.caller, `/api/v1/sessions/${attended.id}/end`, { outcome: 'resolved' });

    const noSeatRes = await openOn(pc.deviceId, { mode: 'view' }, noSeat.caller);
    expect(noSeatRes.statusCode).toBe(403);
    expect(noSeatRes.json().error.details).toMatchObject({ reason: 'seat_required' });
    expect((await openOn(pc.deviceId, { mode: 'view' }, far.caller)).statusCode).toBe(404);
    expect((await openOn(pc.deviceId, { mode: 'view' }, otherAdmin)).statusCode).toBe(404);
    expect((await openOn(pc.deviceId, { mode: 'view' }, viewer.caller)).statusCode).toBe(403);
    expect((await openOn(pc.deviceId, { mode: 'steer' })).statusCode).toBe(400);
    client.close();
  });
});

describe('POST /api/v1/sessions/{id}/actions', () => {
  it("takes the owner's files under the company's limit and a restart, audited and on the timeline", async () => {
    const client = await agent(pc.credential);
    const session = (await openOn(pc.deviceId)).json();
    const url = `/api/v1/sessions/${session.id}/actions`;
    const file = { action: 'file_to_device', name: 'setup.exe', size: 1024 };
    const early = await post(tech.caller, url, file);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details).toEqual({ reason: 'session_not_active', status: 'waiting' });
    client.send({ type: 'session.consent', sessionId: session.id, result: 'accepted' });
    expect(await eventually(async () => (await statusOf(session.id)) === 'active')).toBe(true);

    const tooLarge = await post(tech.caller, url, { ...file, size: 100 * 1024 * 1024 + 1 });
    expect(tooLarge.statusCode).toBe(422);
    expect(tooLarge.json().error.details).toEqual([
      expect.objectContaining({ path: 'size', code: 'too_large', params: { maxBytes: 100 * 1024 * 1024 } }),
    ]);
    const ok = await post(tech.caller, url, file);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await post(tech.caller, url, { action: 'file_from_device', name: 'log.txt', size: 10 })).statusCode).toBe(
      200,
    );
    expect((await post(tech2.caller, url, file)).statusCode).toBe(403);
    expect((await post(viewer.caller, url, file)).statusCode).toBe(403);
    expect((await post(far.caller, url, file)).statusCode).toBe(404);
    expect((await post(otherAdmin, url, file)).statusCode).toBe(404);
    expect((await post(tech.caller, url, { action: 'reboot' })).statusCode).toBe(200);
    expect((await supportSessionRow(db, session.id)).rebootRequestedAt).not.toBeNull();
    expect(await timelineOf(session.id)).toEqual([
      'created',
      'consented',
      'file_to_device',
      'file_from_device',
      'reboot_requested',
    ]);
    const rows = await auditRowsOf(db, session.id, 'session.device_file_to_device');
    expect(rows[0]?.after).toMatchObject({ action: 'file_to_device', name: 'setup.exe', size: 1024 });

    // the agent restarts: a new control socket within ten minutes resumes the session, no consent again
    client.send({ type: 'session.ended', sessionId: session.id, reason: 'rebooting' });
    client.close();
    const back = await agent(pc.credential);
    const resumed = await grantOf(back, session.id, back.messages.find((m) => m.type === 'hello')!.grantKey as string);
    expect(resumed.purpose).toBe('resume');
    expect(await statusOf(session.id)).toBe('active');

    // the agent ends it itself
    back.send({ type: 'session.ended', sessionId: session.id, reason: 'ended_at_device' });
    expect(await eventually(async () => (await statusOf(session.id)) === 'ended')).toBe(true);
    expect((await supportSessionRow(db, session.id)).outcome).toBe('unknown');
    back.close();
  });

  it('records a terminal opened and closed (its exit code), for the owner of a control session only', async () => {
    const client = await agent(pc.credential);
    const session = (await openOn(pc.deviceId)).json();
    client.send({ type: 'session.consent', sessionId: session.id, result: 'accepted' });
    expect(await eventually(async () => (await statusOf(session.id)) === 'active')).toBe(true);
    const url = `/api/v1/sessions/${session.id}/actions`;
    for (const caller of [tech2.caller, viewer.caller])
      expect((await post(caller, url, { action: 'terminal_open' })).statusCode).toBe(403);
    expect((await post(far.caller, url, { action: 'terminal_open' })).statusCode).toBe(404);
    const bad = await post(tech.caller, url, { action: 'terminal_close', exitCode: 'zero' });
    expect(bad.statusCode).toBe(400);
    expect((await post(tech.caller, url, { action: 'terminal_open' })).statusCode).toBe(200);
    expect((await post(tech.caller, url, { action: 'terminal_close', exitCode: 3 })).statusCode).toBe(200);
    expect(await timelineOf(session.id)).toEqual(['created', 'consented', 'terminal_opened', 'terminal_closed']);
    const closed = await auditRowsOf(db, session.id, 'session.device_terminal_close');
    expect(closed[0]?.after).toMatchObject({ action: 'terminal_close', deviceId: pc.deviceId, exitCode: 3 });
    expect(await auditRowsOf(db, session.id, 'session.device_terminal_open')).toHaveLength(1);
    await post(tech.caller, `/api/v1/sessions/${session.id}/end`, { outcome: 'resolved' });
    client.close();
  });

  it('refuses a view session (409) and an attended one (409)', async () => {
    const client = await agent(pc.credential);
    const session = (await openOn(pc.deviceId, { mode: 'view' })).json();
    client.send({ type: 'session.consent', sessionId: session.id, result: 'accepted' });
    expect(await eventually(async () => (await statusOf(session.id)) === 'active')).toBe(true);
    const view = await post(tech.caller, `/api/v1/sessions/${session.id}/actions`, { action: 'reboot' });
    expect(view.statusCode).toBe(409);
    expect(view.json().error.details).toEqual({ reason: 'view_only' });
    const terminal = await post(tech.caller, `/api/v1/sessions/${session.id}/actions`, { action: 'terminal_open' });
    expect(terminal.json().error.details).toEqual({ reason: 'view_only' });
    const attended = (await post(tech.caller, '/api/v1/sessions', { companyId })).json();
    const res = await post(tech.caller, `/api/v1/sessions/${attended.id}/actions`, { action: 'reboot' });
    expect(res.json().error.details).toEqual({ reason: 'not_device_session' });
    await post(tech.caller, `/api/v1/sessions/${session.id}/end`, { outcome: 'resolved' });
    await post(tech.caller, `/api/v1/sessions/${attended.id}/end`, { outcome: 'resolved' });
    client.close();
  });
});

describe("the agent's routes", () => {
  it("answers ICE servers for the device's own active session only", async () => {
    const laptop = await enrol('Laptop');
    const client = await agent(pc.credential);
    const session = (await openOn(pc.deviceId, { mode: 'view' })).json();
    const ice = (credential: string) =>
      app.inject({
        method: 'GET',
        url: `/api/agent/sessions/${session.id}/ice-servers`,
        headers: { authorization: `Device ${credential}` },
      });
    expect((await ice(pc.credential)).statusCode).toBe(404);
    client.send({ type: 'session.consent', sessionId: session.id, result: 'accepted' });
    expect(await eventually(async () => (await statusOf(session.id)) === 'active')).toBe(true);
    const res = await ice(pc.credential);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ iceServers: [], expiresAt: null, iceTransportPolicy: 'all' });
    expect((await ice(laptop.credential)).statusCode).toBe(404);
    expect((await ice('tdc_unknown')).statusCode).toBe(401);
    await post(tech.caller, `/api/v1/sessions/${session.id}/end`, { outcome: 'resolved' });
    client.close();
  });

  it('closes a socket that sends what it should not, and keeps serving others', async () => {
    const client = await agent(pc.credential);
    client.send('not json');
    expect((await client.closed).code).toBe(4400);
    const again = await agent(pc.credential);
    again.send({ type: 'ping' });
    await again.next((m) => m.type === 'pong');
    // a newer socket of the same device replaces the older
    const newer = await agent(pc.credential);
    expect((await again.closed).code).toBe(4000);
    newer.close();
  });

  it('refuses a revoked device: its session ended, its socket closed, no socket (401), no session (409 revoked)', async () => {
    const old = await enrol('Old PC');
    const client = await agent(old.credential);
    const session = (await openOn(old.deviceId)).json();
    client.send({ type: 'session.consent', sessionId: session.id, result: 'accepted' });
    expect(await eventually(async () => (await statusOf(session.id)) === 'active')).toBe(true);
    expect((await post(admin, `/api/v1/devices/${old.deviceId}/revoke`, {})).statusCode).toBe(200);
    // ended by the revocation, or else by the sweep
    await sweepDeviceSessions(db);
    expect(await supportSessionRow(db, session.id)).toMatchObject({ status: 'ended', outcome: 'unknown' });
    await client.next((m) => m.type === 'session.close' && m.sessionId === session.id);
    client.send({ type: 'ping' });
    expect((await client.closed).code).toBe(4401);
    const res = await openOn(old.deviceId, { mode: 'view' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toEqual({ reason: 'revoked' });
    await expect(
      openLive(`${baseA}/api/agent/live`, { authorization: `Device ${old.credential}` }),
    ).rejects.toMatchObject({ status: 401 });
    client.close();
  });
});

describe('across processes and over time', () => {
  it('reaches the agent connected to the other process', async () => {
    const client = await agent(pc.credential, baseB);
    const res = await openOn(pc.deviceId, { mode: 'view' });
    expect(res.statusCode, res.body).toBe(201);
    const key = client.messages.find((m) => m.type === 'hello')!.grantKey as string;
    expect((await grantOf(client, res.json().id, key)).sessionId).toBe(res.json().id);
    // its end reaches it there too
    await post(tech.caller, `/api/v1/sessions/${res.json().id}/end`, { outcome: 'resolved' });
    await client.next((m) => m.type === 'session.close');
    client.close();
    expect(second).toBeDefined();
  });

  it('the sweep refuses an unanswered session and ends one whose agent has gone', async () => {
    const client = await agent(pc.credential);
    const waiting = (await openOn(pc.deviceId, { mode: 'view' })).json();
    expect((await sweepDeviceSessions(db, new Date(Date.now() + 50_000))).refused).toBe(0);
    expect((await sweepDeviceSessions(db, new Date(Date.now() + 61_000))).refused).toBe(1);
    expect(await supportSessionRow(db, waiting.id)).toMatchObject({ status: 'ended', outcome: 'refused' });

    const active = (await openOn(pc.deviceId, { mode: 'view' })).json();
    client.send({ type: 'session.consent', sessionId: active.id, result: 'accepted' });
    expect(await eventually(async () => (await statusOf(active.id)) === 'active')).toBe(true);
    expect((await sweepDeviceSessions(db, new Date(Date.now() + 180_000))).abandoned).toBe(0);
    client.close();
    expect(
      await eventually(async () => {
        const [row] = await db.select().from(agentConnections).where(eq(agentConnections.deviceId, pc.deviceId));
        return row?.disconnectedAt !== null;
      }),
    ).toBe(true);
    expect((await sweepDeviceSessions(db, new Date(Date.now() + 60_000))).abandoned).toBe(0);
    expect((await sweepDeviceSessions(db, new Date(Date.now() + 180_000))).abandoned).toBe(1);
    const [row] = await db.select().from(supportSessions).where(eq(supportSessions.id, active.id));
    expect(row).toMatchObject({ status: 'ended', outcome: 'unknown' });

    // a device revoked behind the API's back (a script): its open session ends at the next sweep
    const spare = await enrol('Spare PC');
    const spareAgent = await agent(spare.credential);
    const onSpare = (await openOn(spare.deviceId, { mode: 'view' })).json();
    await revokeDevice(db, account.id, spare.deviceId);
    expect((await sweepDeviceSessions(db)).revoked).toBe(1);
    expect(await supportSessionRow(db, onSpare.id)).toMatchObject({ status: 'ended', outcome: 'unknown' });
    spareAgent.close();
  });
});
