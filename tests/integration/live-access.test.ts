import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/platform/db/pool.js';
import { liveCloseCodes } from '../../src/shared/realtime.js';
import { anAccount, messagesOf, testPassword, slugOf } from '../support/builders/index.js';
import { listenForSockets, openLive, type LiveClient } from '../support/live-client.js';
import { bearerFor, call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import type { App } from '../../src/server/platform/http/types.js';
import { customer, online, seated, submit, visitor } from './support-kit.js';
import { statementsBetweenUpkeeps } from '../support/statements.js';

/**
 * An open live socket follows the same rule as REST at every delivery and every frame: a
 * technician who loses a chat's company, their seat, their role or their account stops receiving
 * it and cannot write in it at once — not at the next upkeep.
 */
// identities cached for as long as the server allows: every change below must arrive by its notice,
// and on a slow machine no cache running out in the middle of a test reads who someone is again
const first = await createTestApp({ TANDEM_IDENTITY_CACHE_SECONDS: '300' });
const { app, database } = first;
const db = database.db;
const base = await listenForSockets(app);
const account = await anAccount(db, { name: 'Live access', companies: 2 });
const [companyId, otherCompany] = account.companyIds as [string, string];
const slug = await slugOf(db, companyId);
const admin = await signIn(app, account.admin.email);
const opened: LiveClient[] = [];

// a second process on the same database: changes made through one reach sockets of the other
const secondDatabase = openDatabase(database.url, { max: 5 });
const second = await buildApp({ config: first.config, database: secondDatabase, consoleDir: '/nonexistent' });
await second.ready();
const baseB = await listenForSockets(second);
afterAll(async () => {
  opened.forEach((c) => c.close());
  await second.close();
  await secondDatabase.close();
});

expect(
  (await call(app, admin, { method: 'PATCH', url: '/api/v1/seats', payload: { remoteSupportSeats: 50 } })).statusCode,
).toBeLessThan(300);
// the administrator holds a seat and follows every chat too: what they receive shows that a
// message was pushed, and when
expect(
  (
    await call(app, admin, {
      method: 'POST',
      url: '/api/v1/seats/remoteSupport/assignments',
      payload: { userId: account.admin.id },
    })
  ).statusCode,
).toBe(201);
const control = await liveSocket(base, admin);

async function liveSocket(at: string, caller: Caller): Promise<LiveClient> {
  const headers = { ...caller.headers };
  delete headers['x-csrf-token'];
  const client = await openLive(`${at}/api/v1/live`, headers);
  opened.push(client);
  await client.next((m) => m.type === 'hello');
  return client;
}

const chatMessage = (requestId: string, seq: number) => (m: Record<string, unknown>) =>
  m.type === 'support.message' && m.requestId === requestId && (m.message as { seq: number }).seq === seq;

let customers = 0;
/** A technician holding a live chat and following it on an open socket (on `at`), the administrator following it too. */
async function followedChat(at = base) {
  const tech = await seated(app, db, account, admin, ['remoteSupport']);
  await online(db, account.id, [tech.user.id]);
  const created = (await submit(app, slug, customer(++customers))).json() as {
    id: string;
    visitorToken: string;
    status: string;
  };
  expect(created.status).toBe('waiting');
  expect(
    (await call(app, tech.caller, { method: 'POST', url: `/api/v1/support-requests/${created.id}/accept` })).statusCode,
  ).toBe(200);
  const socket = await liveSocket(at, tech.caller);
  socket.send({ type: 'support.subscribe', requestId: created.id, afterSeq: 0 });
  control.send({ type: 'support.subscribe', requestId: created.id, afterSeq: 0 });
  // the question and the "joined" line
  await socket.next(chatMessage(created.id, 2));
  await control.next(chatMessage(created.id, 2));
  // a customer message before the change reaches both
  const before = await customerSays(created, 'before');
  await socket.next(chatMessage(created.id, before));
  return { tech, created, socket };
}

async function customerSays(
  request: { id: string; visitorToken: string },
  clientId: string,
  via: App = app,
): Promise<number> {
  const res = await via.inject({
    method: 'POST',
    url: `/api/portal/${slug}/requests/${request.id}/messages`,
    headers: visitor(request.visitorToken),
    payload: { clientId, body: `Customer: ${clientId}` },
  });
  expect(res.statusCode).toBe(201);
  return res.json().seq;
}

const storedTechnicianMessage = async (requestId: string, clientId: string) =>
  (await messagesOf(db, requestId)).filter((m) => m.clientId === clientId && m.authorType === 'technician').length;

/**
 * After `change` (answered by REST): the technician's next frame on the socket (typing) and their
 * message (HTTP) are refused, the next customer message reaches the administrator but not the
 * technician.
 */
async function expectCutOff(chat: Awaited<ReturnType<typeof followedChat>>, change: () => Promise<number>) {
  const { created, socket } = chat;
  expect(await change()).toBeLessThan(300);
  socket.send({ type: 'support.typing', requestId: created.id, typing: true, ref: 'after-change' });
  const written = await call(app, chat.tech.caller, {
    method: 'POST',
    url: `/api/v1/support-requests/${created.id}/messages`,
    payload: { clientId: 'after-change', body: 'Still here?' },
  });
  expect([401, 403, 404]).toContain(written.statusCode);
  const seq = await customerSays(created, 'after-change');
  await control.next(chatMessage(created.id, seq));
  // the technician's socket had every chance to receive it: its own frames are answered in order
  if (socket.socket.readyState === socket.socket.OPEN) {
    socket.send({ type: 'ping', ref: 'flush' });
    await socket.next((m) => m.type === 'pong' && m.ref === 'flush').catch(() => undefined);
  }
  await new Promise((r) => setTimeout(r, 100));
  expect(socket.messages.some(chatMessage(created.id, seq))).toBe(false);
  expect(await storedTechnicianMessage(created.id, 'after-change')).toBe(0);
}

describe('a technician following a chat on an open socket', () => {
  it('loses it at once when their company access is taken away', async () => {
    const chat = await followedChat();
    await expectCutOff(
      chat,
      async () =>
        (
          await call(app, admin, {
            method: 'PATCH',
            url: `/api/v1/users/${chat.tech.user.id}`,
            payload: { companyIds: [otherCompany] },
          })
        ).statusCode,
    );
    expect(chat.socket.messages).toContainEqual({
      type: 'support.unfollowed',
      requestId: chat.created.id,
      reason: 'not_found',
    });
    expect(chat.socket.messages.find((m) => m.type === 'error' && m.ref === 'after-change')).toMatchObject({
      code: 'not_found',
    });
    // REST says the same
    expect(
      (await call(app, chat.tech.caller, { method: 'GET', url: `/api/v1/support-requests/${chat.created.id}` }))
        .statusCode,
    ).toBe(404);
    // the socket itself stays open for what they may still see
    chat.socket.send({ type: 'ping', ref: 'alive' });
    await chat.socket.next((m) => m.type === 'pong' && m.ref === 'alive');
  });

  it('loses it at once when lowered to viewer', async () => {
    const chat = await followedChat();
    await expectCutOff(
      chat,
      async () =>
        (
          await call(app, admin, {
            method: 'PATCH',
            url: `/api/v1/users/${chat.tech.user.id}`,
            payload: { role: 'viewer' },
          })
        ).statusCode,
    );
    expect(chat.socket.messages).toContainEqual({
      type: 'support.unfollowed',
      requestId: chat.created.id,
      reason: 'seat_required',
    });
    expect(chat.socket.messages.find((m) => m.type === 'error' && m.ref === 'after-change')).toMatchObject({
      code: 'forbidden',
    });
  });

  it('loses it at once when their seat is released', async () => {
    const chat = await followedChat();
    await expectCutOff(
      chat,
      async () =>
        (
          await call(app, admin, {
            method: 'DELETE',
            url: `/api/v1/seats/remoteSupport/assignments/${chat.tech.user.id}`,
          })
        ).statusCode,
    );
    expect(chat.socket.messages).toContainEqual({
      type: 'support.unfollowed',
      requestId: chat.created.id,
      reason: 'seat_required',
    });
    // following it again is refused as REST refuses it
    chat.socket.send({ type: 'support.subscribe', requestId: chat.created.id, afterSeq: 0, ref: 'again' });
    expect(await chat.socket.next((m) => m.type === 'error' && m.ref === 'again')).toMatchObject({ code: 'forbidden' });
  });

  it('is closed at once when the user is disabled', async () => {
    const chat = await followedChat();
    await expectCutOff(
      chat,
      async () =>
        (await call(app, admin, { method: 'POST', url: `/api/v1/users/${chat.tech.user.id}/disable` })).statusCode,
    );
    expect((await chat.socket.closed).code).toBe(liveCloseCodes.unauthenticated);
  });

  it('is dropped on another process too, as soon as the change is committed', async () => {
    const chat = await followedChat(baseB);
    const change = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/users/${chat.tech.user.id}`,
      payload: { companyIds: [otherCompany] },
    });
    expect(change.statusCode).toBe(200);
    const seq = await customerSays(chat.created, 'elsewhere');
    await control.next(chatMessage(chat.created.id, seq));
    await chat.socket.next((m) => m.type === 'support.unfollowed');
    await new Promise((r) => setTimeout(r, 150));
    expect(chat.socket.messages.some(chatMessage(chat.created.id, seq))).toBe(false);
  });

  it('stops on another process when their seat is released there (the seat change is announced by the database)', async () => {
    const chat = await followedChat(baseB);
    const released = await call(app, admin, {
      method: 'DELETE',
      url: `/api/v1/seats/remoteSupport/assignments/${chat.tech.user.id}`,
    });
    expect(released.statusCode).toBeLessThan(300);
    await chat.socket.next((m) => m.type === 'support.unfollowed' && m.reason === 'seat_required');
    const seq = await customerSays(chat.created, 'seatless');
    await control.next(chatMessage(chat.created.id, seq));
    await new Promise((r) => setTimeout(r, 150));
    expect(chat.socket.messages.some(chatMessage(chat.created.id, seq))).toBe(false);
  });

  it('keeps receiving when the change leaves the chat visible (another company added)', async () => {
    const chat = await followedChat();
    expect(
      (
        await call(app, admin, {
          method: 'PATCH',
          url: `/api/v1/users/${chat.tech.user.id}`,
          payload: { companyIds: [companyId, otherCompany] },
        })
      ).statusCode,
    ).toBe(200);
    const seq = await customerSays(chat.created, 'still-visible');
    await chat.socket.next(chatMessage(chat.created.id, seq));
    const answer = await call(app, chat.tech.caller, {
      method: 'POST',
      url: `/api/v1/support-requests/${chat.created.id}/messages`,
      payload: { clientId: 'answer', body: 'Yes' },
    });
    expect(answer.statusCode).toBe(201);
    await chat.socket.next(chatMessage(chat.created.id, answer.json().seq));
    expect(chat.socket.messages.some((m) => m.type === 'support.unfollowed')).toBe(false);
  });
});

/** How the socket closed, or null if it is still open after `ms` (the live upkeep runs every 25 s). */
const closedWithin = (client: LiveClient, ms: number) =>
  Promise.race([client.closed, new Promise<null>((r) => setTimeout(() => r(null), ms))]);

describe('a credential that ends while its socket is open', () => {
  it('closes the socket at once, on whichever process holds it: a revoked API token, a session signed out elsewhere', async () => {
    const tech = await seated(app, db, account, admin, ['remoteSupport']);
    const token = await bearerFor(app, tech.caller);
    const byToken = await liveSocket(base, token);
    const bySession = await liveSocket(baseB, tech.caller);
    expect(
      (await call(app, tech.caller, { method: 'DELETE', url: `/api/v1/api-tokens/${token.tokenId}` })).statusCode,
    ).toBeLessThan(300);
    expect((await closedWithin(byToken, 3000))?.code).toBe(liveCloseCodes.unauthenticated);
    // signed out through the first process; the socket is on the second, whose upkeep is 25 s away
    expect((await call(app, tech.caller, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBeLessThan(300);
    expect((await closedWithin(bySession, 3000))?.code).toBe(liveCloseCodes.unauthenticated);
  });
});

describe('the cost of a delivery', () => {
  it('is no database read of who the technician is or of their seats while nothing changed', async () => {
    const chat = await followedChat();
    const identityReadsOf = (seen: string[]) =>
      seen.filter(
        (text) =>
          /\b(sessions|users|user_companies|seat_assignments|user_totp|api_tokens|account_settings|company_settings)\b/.test(
            text,
          ) && !/support_requests/.test(text),
      );
    // A background timer (a sweep of earlier tests' requests, an upkeep) may read who someone is
    // during one window; a delivery that reads it does so every time, so three windows with reads
    // in each fail, while one clean window shows the delivery itself reads nothing.
    const windows: string[][] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const seen = await statementsBetweenUpkeeps([app, second], async () => {
        for (const n of [1, 2, 3]) {
          const seq = await customerSays(chat.created, `cost-${attempt}-${n}`);
          await chat.socket.next(chatMessage(chat.created.id, seq));
          await control.next(chatMessage(chat.created.id, seq));
        }
      });
      // the messages were stored and read (shared by both followers)
      expect(seen.length).toBeGreaterThan(0);
      windows.push(identityReadsOf(seen));
      if (windows.at(-1)!.length === 0) break;
    }
    expect(windows.at(-1)).toEqual([]);
  });
});

describe('a two-factor requirement switched on while a socket is open', () => {
  it('closes the socket of a user who must now enrol, as REST refuses them', async () => {
    // the administrator enrols first, so requiring a second factor never locks them out
    const { generate } = await import('otplib');
    const started = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/me/two-factor',
      payload: { password: testPassword },
    });
    const secret = started.json().manualKey.replace(/\s/g, '');
    const confirmed = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/me/two-factor/confirm',
      payload: { code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) }) },
    });
    expect(confirmed.statusCode).toBeLessThan(300);
    const chat = await followedChat();
    await expectCutOff(
      chat,
      async () =>
        (
          await call(app, admin, {
            method: 'PATCH',
            url: '/api/v1/settings',
            payload: { values: { 'security.requireTwoFactor': true } },
          })
        ).statusCode,
    );
    expect((await chat.socket.closed).code).toBe(liveCloseCodes.forbidden);
    const rest = await call(app, chat.tech.caller, {
      method: 'GET',
      url: `/api/v1/support-requests/${chat.created.id}`,
    });
    expect(rest.json().error.code).toBe('two_factor_enrolment_required');
    // and a new socket is refused before the upgrade
    await expect(liveSocket(base, chat.tech.caller)).rejects.toMatchObject({ status: 403 });
    expect(
      (
        await call(app, admin, {
          method: 'PATCH',
          url: '/api/v1/settings',
          payload: { values: { 'security.requireTwoFactor': false } },
        })
      ).statusCode,
    ).toBe(200);
  });
});
