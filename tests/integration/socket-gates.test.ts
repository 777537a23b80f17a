import { afterAll, describe, expect, it } from 'vitest';
import { limits } from '../../src/shared/limits.js';
import { anAccount, slugOf } from '../support/builders/index.js';
import { listenForSockets, openLive, type LiveClient } from '../support/live-client.js';
import { createTestApp, signIn } from '../support/test-app.js';
import { customer, online, submit } from './support-kit.js';

/**
 * What a socket must pass before its upgrade: an Origin of this server (scheme, host and port),
 * and, for the customer's chat socket, room among the sockets of its token and its address.
 */
const publicUrl = 'https://support.example.test';
// one proxy hop in front: X-Forwarded-Proto and X-Forwarded-Host written by it count
const { app, database } = await createTestApp({ TANDEM_PUBLIC_URL: publicUrl, TANDEM_TRUST_PROXY: '1' });
const db = database.db;
const base = await listenForSockets(app);
const here = new URL(base).host;
const account = await anAccount(db, { name: 'Gates', companies: 1 });
const admin = await signIn(app, account.admin.email);
const slug = await slugOf(db, account.companyIds[0]!);
await online(db, account.id, [account.admin.id]);
const opened: LiveClient[] = [];
afterAll(() => opened.forEach((c) => c.close()));

const liveHeaders = () => {
  const headers = { ...admin.headers };
  delete headers['x-csrf-token'];
  return headers;
};
const request = async () => (await submit(app, slug, customer(1))).json() as { id: string; visitorToken: string };
const chatUrl = (r: { id: string; visitorToken: string }) =>
  `${base}/api/portal/${slug}/requests/${r.id}/socket?token=${r.visitorToken}`;

async function opens(url: string, headers: Record<string, string>, localAddress?: string): Promise<number> {
  try {
    const client = await openLive(url, headers, localAddress ? { localAddress } : {});
    opened.push(client);
    return 101;
  } catch (err) {
    return (err as { status?: number }).status ?? 0;
  }
}

const originChat = await request();

describe('the Origin of a socket', () => {
  const chat = originChat;
  const sockets = { live: () => `${base}/api/v1/live`, chat: () => chatUrl(chat) };

  for (const [name, url] of Object.entries(sockets)) {
    it(`of the ${name} socket must match scheme, host and port`, async () => {
      const headers = name === 'live' ? liveHeaders() : {};
      const refused = async (origin: string, extra: Record<string, string> = {}) =>
        expect(await opens(url(), { ...headers, ...extra, origin })).toBe(403);
      const accepted = async (origin: string, extra: Record<string, string> = {}) =>
        expect(await opens(url(), { ...headers, ...extra, origin })).toBe(101);
      // this server, as the browser reached it
      await accepted(`http://${here}`);
      // the same host with another scheme, or another port, is another site
      await refused(`https://${here}`);
      await refused(`http://127.0.0.1:1`);
      await refused(`ws://${here}`);
      await refused('null');
      // the public address, exactly
      await accepted(publicUrl);
      await accepted(`${publicUrl}:443`);
      await refused('http://support.example.test');
      await refused('https://support.example.test:8443');
      // behind the trusted proxy: the scheme and host the proxy was reached by
      const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tandem.example.test' };
      await accepted('https://tandem.example.test', proxied);
      await refused('http://tandem.example.test', proxied);
      await refused('https://tandem.example.test:444', proxied);
    });
  }
});

describe('customer chat sockets', () => {
  it(`are at most ${limits.chatSocketsPerToken} per visitor token, even opened all at once; a closed one frees its place`, async () => {
    const chat = await request();
    const statuses = await Promise.all(Array.from({ length: 40 }, () => opens(chatUrl(chat), {})));
    expect(statuses.filter((s) => s === 101)).toHaveLength(limits.chatSocketsPerToken);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - limits.chatSocketsPerToken);
    const refusal = await openLive(chatUrl(chat)).catch((err: { status: number; body: string }) => err);
    expect(refusal).toMatchObject({ status: 429 });
    expect(JSON.parse((refusal as { body: string }).body).error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('already open'),
      details: { reason: 'chat_sockets_per_token' },
    });

    // another customer's token is not affected
    expect(await opens(chatUrl(await request()), {})).toBe(101);
    // one tab closed: its place is back
    const mine = opened.filter((c) => c.socket.url.includes(chat.visitorToken));
    const gone = mine[0]!;
    gone.close();
    await gone.closed;
    await expect.poll(() => opens(chatUrl(chat), {}), { timeout: 2000 }).toBe(101);
    expect(await opens(chatUrl(chat), {})).toBe(429);
  });

  it(`are at most ${limits.chatSocketsPerAddress} per address, whatever the tokens; another address still gets in`, async () => {
    const chats = await Promise.all(
      Array.from({ length: Math.ceil(limits.chatSocketsPerAddress / limits.chatSocketsPerToken) + 1 }, () => request()),
    );
    const from = '127.0.0.7';
    const statuses: number[] = [];
    for (const chat of chats)
      statuses.push(
        ...(await Promise.all(
          Array.from({ length: limits.chatSocketsPerToken }, () => opens(chatUrl(chat), {}, from)),
        )),
      );
    expect(statuses.filter((s) => s === 101)).toHaveLength(limits.chatSocketsPerAddress);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const last = chats.at(-1)!;
    const refusal = await openLive(chatUrl(last), {}, { localAddress: from }).catch(
      (err: { status: number; body: string }) => err,
    );
    expect(JSON.parse((refusal as { body: string }).body).error.details).toMatchObject({
      reason: 'chat_sockets_per_address',
    });
    expect(await opens(chatUrl(last), {}, '127.0.0.8')).toBe(101);
  });
});
