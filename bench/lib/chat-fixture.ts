import { sql } from 'drizzle-orm';
import WebSocket from 'ws';
import { limits } from '../../src/shared/limits.js';
import { hashPassword } from '../../src/server/platform/crypto/passwords.js';
import { randomSecret, sha256 } from '../../src/server/platform/crypto/secrets.js';
import { openDatabase, type Database } from '../../src/server/platform/db/pool.js';
import { markOnline, upsertPresence } from '../../src/server/modules/presence/index.js';
import { appendMessage } from '../../src/server/modules/requests/index.js';
import * as requests from '../../src/server/modules/requests/index.js';
import { insertAssignment, updateLicence } from '../../src/server/modules/seats/index.js';
import { insertUser } from '../../src/server/modules/users/index.js';
import { createSession } from '../../src/server/modules/auth/index.js';
import type { BenchContext } from './scenario.js';
import { tandemForBench } from './tandem-for-bench.js';
import { benchAdmin, signInSession } from './tandem-process.js';

export interface Technician {
  id: string;
  email: string;
  name: string;
  /** signed in through the API, or (chats written already accepted) written as a sign-in writes it */
  session: { cookie: string; csrfToken: string };
}

export interface Chat {
  id: string;
  token: string;
  technician: Technician;
  /** the loopback address its customer connects from: customers come from many addresses (Tandem caps chat sockets per address) */
  address: string;
}

/** A distinct loopback source address per customer: 127.1.0.1, 127.1.0.2, … */
export const customerAddress = (i: number) => `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;

/** Every chat a technician may hold at once (the product's highest capacity). */
export const capacity = limits.chatCapacityMax;

/**
 * A running Tandem with `chats` accepted live chats in its first company: ⌈chats ÷ 20⌉
 * technicians, each with a Remote Support seat, capacity 20 and a signed-in session; the requests
 * written as the portal writes them (the question is message 1, visitor tokens known to the
 * bench — the portal's per-address and per-portal submission limits would take hours to let
 * 1,000 through), then each accepted through the API by its technician (capacity checked; the
 * system line "accepted" is message 2). With `accept: 'seeded'` the requests are written already
 * accepted, with the same two messages, and technicians' sessions are written as a sign-in writes
 * them (sign-ins are limited to 60 a minute per address: more than 60 technicians cannot all sign
 * in from the bench). With `accept: 'none'` the requests stay waiting and the technicians are
 * signed in, ready to accept. `technicians` asks for that many of them (at least as many as the
 * accepted chats need; the chats spread evenly over them); `env` goes to the Tandem process.
 */
export async function chatFixture(
  ctx: BenchContext,
  chats: number,
  {
    accept = 'api',
    technicians: wanted = 0,
    env = {},
  }: { accept?: 'api' | 'seeded' | 'none'; technicians?: number; env?: Record<string, string> } = {},
) {
  const tandem = await tandemForBench(ctx, env);
  let database: Database | undefined;
  try {
    database = openDatabase(tandem.databaseUrl, { max: 4 });
    const { db } = database;
    const started = performance.now();
    const admin = (
      await db.execute<{ id: string; account_id: string }>(
        sql`select id, account_id from users where email = ${benchAdmin.email}`,
      )
    ).rows[0]!;
    const accountId = admin.account_id;
    const portal = (
      await db.execute<{ id: string; slug: string; company_id: string }>(
        sql`select p.id, p.slug, p.company_id from portals p join companies c on c.id = p.company_id where c.account_id = ${accountId} order by c.created_at limit 1`,
      )
    ).rows[0]!;
    const companyId = portal.company_id;

    // technicians: seats, capacity, online
    const count = accept === 'none' && wanted > 0 ? wanted : Math.max(wanted, Math.ceil(chats / capacity));
    const perTechnician = Math.ceil(chats / count);
    await updateLicence(db, accountId, { remoteSupportSeats: count + 10 });
    const passwordHash = await hashPassword(benchAdmin.password);
    const technicians: Technician[] = [];
    for (let i = 0; i < count; i++) {
      const email = `bench-tech-${i}@example.test`;
      const user = await insertUser(
        db,
        {
          accountId,
          email,
          name: `Technician ${i}`,
          passwordHash,
          role: 'technician',
          status: 'active',
          language: 'en',
          timeZone: 'UTC',
          allCompanies: false,
        },
        [companyId],
      );
      await insertAssignment(db, { accountId, userId: user.id, module: 'remoteSupport', assignedBy: admin.id });
      await upsertPresence(db, accountId, user.id, { status: 'available', capacity });
      // online for the whole run, as if their console were open: on a slow machine accepting a
      // thousand requests outlasts the grace period after which nobody online sends them offline
      await markOnline(db, accountId, [user.id], new Date(Date.now() + 3_600_000));
      const name = `Technician ${i}`;
      const written = async () => {
        const session = await createSession(db, { accountId, userId: user.id, ip: '127.0.0.1', userAgent: 'bench' });
        return { cookie: `tandem_session=${session.cookieValue}`, csrfToken: session.csrfToken };
      };
      technicians.push({
        id: user.id,
        email,
        name,
        session:
          accept === 'seeded' ? await written() : await signInSession(tandem.baseUrl, email, benchAdmin.password),
      });
    }

    // the customers' requests, waiting in the live queue
    const now = new Date();
    const list: Chat[] = [];
    for (let i = 0; i < chats; i++) {
      const token = randomSecret();
      const technician = technicians[Math.floor(i / perTechnician)]!;
      const id = await db.transaction(async (tx) => {
        const number = await requests.nextNumber(tx, accountId);
        const request = await requests.insertRequest(tx, {
          accountId,
          companyId,
          portalId: portal.id,
          number,
          status: 'waiting',
          kind: null,
          customerName: `Customer ${i}`,
          customerEmail: `customer-${i}@example.test`,
          customerPhone: null,
          fields: {},
          question: `Question ${i}`,
          language: 'en',
          visitorTokenHash: sha256(token),
          sourceIp: null,
          offlineReason: null,
          waitDeadline: new Date(now.getTime() + 3_600_000),
          offlineAt: null,
          createdAt: now,
        });
        await appendMessage(tx, request, { type: 'customer', name: `Customer ${i}` }, { body: `Question ${i}` });
        if (accept === 'seeded') {
          const active = (await requests.updateRequest(tx, accountId, request.id, {
            status: 'active',
            kind: 'chat',
            assigneeId: technician.id,
            acceptedAt: now,
            waitDeadline: null,
          }))!;
          await appendMessage(
            tx,
            active,
            { type: 'system', name: null },
            { body: `${technician.name} joined the chat.` },
          );
        }
        return request.id;
      });
      list.push({ id, token, technician, address: customerAddress(list.length) });
    }

    // accepted through the API, each technician its own chats, a few technicians at a time
    let next = 0;
    const acceptor = async () => {
      while (next < list.length) {
        const chat = list[next++]!;
        const session = chat.technician.session;
        const res = await fetch(`${tandem.baseUrl}/api/v1/support-requests/${chat.id}/accept`, {
          method: 'POST',
          headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        });
        if (res.status !== 200) throw new Error(`accept failed: ${res.status} ${await res.text()}`);
      }
    };
    if (accept === 'api') await Promise.all(Array.from({ length: 4 }, acceptor));
    ctx.log(
      `  ${chats.toLocaleString('en')} chats ${accept === 'none' ? 'waiting for' : 'accepted by'} ${count} technicians in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const socketBase = tandem.baseUrl.replace(/^http/, 'ws');
    const db2 = database;
    return {
      tandem,
      db,
      accountId,
      slug: portal.slug,
      technicians,
      chats: list,
      /** the customer's chat socket, on this Tandem or on another process (`base`: its ws:// address) */
      customerUrl: (chat: Chat, base = socketBase) =>
        `${base}/api/portal/${portal.slug}/requests/${chat.id}/socket?token=${chat.token}`,
      liveUrl: `${socketBase}/api/v1/live`,
      close: async () => {
        await db2.close();
        await tandem.close();
      },
    };
  } catch (err) {
    await database?.close();
    await tandem.close();
    throw err;
  }
}

export type ChatFixture = Awaited<ReturnType<typeof chatFixture>>;

/** Frames each socket received before anyone waited for them (a first frame can ride with the upgrade). */
const early = new WeakMap<WebSocket, Record<string, unknown>[]>();

/** Opens a WebSocket; resolves once open (rejects with the status of a refused upgrade). */
export function openSocket(
  url: string,
  headers: Record<string, string> = {},
  localAddress?: string,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false, ...(localAddress ? { localAddress } : {}) });
    const frames: Record<string, unknown>[] = [];
    early.set(socket, frames);
    const keep = (data: WebSocket.RawData) => void frames.push(JSON.parse(data.toString()) as Record<string, unknown>);
    socket.on('message', keep);
    // kept for a moment only: later frames go to the listeners
    socket.once('open', () => setTimeout(() => socket.off('message', keep), 5000).unref());
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

/** Resolves with the first frame (parsed JSON) that matches, or rejects after `timeoutMs`. */
export function nextFrame(
  socket: WebSocket,
  match: (frame: Record<string, unknown>) => boolean,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const seen = early.get(socket)?.find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('message', look);
      reject(new Error('no matching frame in time'));
    }, timeoutMs);
    const look = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      if (!match(frame)) return;
      clearTimeout(timer);
      socket.off('message', look);
      resolve(frame);
    };
    socket.on('message', look);
  });
}
