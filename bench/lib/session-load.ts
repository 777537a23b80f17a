import { sql } from 'drizzle-orm';
import type WebSocket from 'ws';
import type { RtcSignal } from '../../src/shared/session-signals.js';
import { chatFixture, nextFrame, openSocket, type Chat } from './chat-fixture.js';
import type { BenchContext } from './scenario.js';
import type { SignalPair, Uploader } from './session-traffic.js';

export interface BenchSession {
  id: string;
  chat: Chat;
}

/**
 * A running Tandem with `count` remote-support sessions under way: the chat fixture's accepted
 * chats (technicians with a Remote Support seat, signed in, 20 chats each), each with a session
 * written as it is once the customer joined and allowed: active, screen shared, recorded.
 */
export async function sessionFixture(ctx: BenchContext, count: number) {
  const fixture = await chatFixture(ctx, count);
  try {
    const sessions: BenchSession[] = [];
    for (const chat of fixture.chats) {
      const row = (
        await fixture.db.execute<{ id: string }>(sql`
          insert into support_sessions
            (account_id, company_id, status, technician_id, created_by, request_id, recording_policy, recorded, sharing, joined_at, started_at)
          select account_id, company_id, 'active', ${chat.technician.id}, ${chat.technician.id}, id, 'always', true, true, now(), now()
          from support_requests where id = ${chat.id}
          returning id`)
      ).rows[0]!;
      sessions.push({ id: row.id, chat });
    }
    const socketBase = fixture.tandem.baseUrl.replace(/^http/, 'ws');
    return {
      ...fixture,
      sessions,
      customerSessionUrl: (s: BenchSession) =>
        `${socketBase}/api/portal/${fixture.slug}/sessions/${s.id}/socket?token=${s.chat.token}`,
    };
  } catch (err) {
    await fixture.close();
    throw err;
  }
}

export type SessionFixture = Awaited<ReturnType<typeof sessionFixture>>;

/** Two sockets as one signalling pair; each side's handler is replaced, not added, by a later load. */
function pairOf(
  customer: WebSocket,
  technician: WebSocket,
  frames: { customer(signal: RtcSignal): object; technician(signal: RtcSignal): object },
  errors: string[],
): SignalPair {
  const heard: { customer?: (s: RtcSignal) => void; technician?: (s: RtcSignal) => void } = {};
  const listen = (socket: WebSocket, side: 'customer' | 'technician') =>
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; signal?: RtcSignal };
      if (frame.type === 'error') errors.push(`${side}: ${data.toString()}`);
      else if (frame.signal) heard[side]?.(frame.signal);
    });
  listen(customer, 'customer');
  listen(technician, 'technician');
  return {
    fromCustomer: (signal) => customer.send(JSON.stringify(frames.customer(signal))),
    fromTechnician: (signal) => technician.send(JSON.stringify(frames.technician(signal))),
    ping: () => customer.send('{"type":"ping"}'),
    onCustomerHears: (handler) => void (heard.customer = handler),
    onTechnicianHears: (handler) => void (heard.technician = handler),
  };
}

/**
 * One session on Tandem's own sockets, as the two pages open them: the technician's console live
 * socket (`hello` gives its connection id, the customer's `peerId` for it) watching the session
 * (`session.watch`, answered by `session.state`), and the customer's session socket from the
 * chat's own address (`hello`).
 */
export async function openTandemPair(
  fixture: SessionFixture,
  session: BenchSession,
  sockets: WebSocket[],
  errors: string[],
): Promise<SignalPair> {
  const technician = await openSocket(fixture.liveUrl, { cookie: session.chat.technician.session.cookie });
  sockets.push(technician);
  const hello = await nextFrame(technician, (f) => f.type === 'hello');
  const peerId = hello.connectionId as string;
  technician.send(JSON.stringify({ type: 'session.watch', sessionId: session.id }));
  await nextFrame(technician, (f) => f.type === 'session.state' || f.type === 'error').then((f) => {
    if (f.type === 'error') throw new Error(`session.watch refused: ${JSON.stringify(f)}`);
  });
  const customer = await openSocket(fixture.customerSessionUrl(session), {}, session.chat.address);
  sockets.push(customer);
  await nextFrame(customer, (f) => f.type === 'hello');
  return pairOf(
    customer,
    technician,
    {
      customer: (signal) => ({ type: 'signal', peerId, signal }),
      technician: (signal) => ({ type: 'session.signal', sessionId: session.id, signal }),
    },
    errors,
  );
}

/** The same pair through a bare `ws` relay (`bench/baselines/ws-relay.ts`): the same frames, nothing checked or stored. */
export async function openRelayPair(
  port: number,
  i: number,
  sockets: WebSocket[],
  errors: string[],
): Promise<SignalPair> {
  const technician = await openSocket(`ws://127.0.0.1:${port}/pair/${i}/b`);
  const customer = await openSocket(`ws://127.0.0.1:${port}/pair/${i}/a`);
  sockets.push(technician, customer);
  return pairOf(
    customer,
    technician,
    {
      customer: (signal) => ({ type: 'signal', peerId: 'p', signal }),
      technician: (signal) => ({ type: 'session.signal', sessionId: String(i), signal }),
    },
    errors,
  );
}

/** The technician's page uploading the session's recording: `PUT …/recording/chunks/{seq}` with its session cookie. */
export function chunkUploader(fixture: SessionFixture, session: BenchSession): Uploader {
  const auth = session.chat.technician.session;
  return {
    nextSeq: 0,
    async put(seq, body) {
      const res = await fetch(`${fixture.tandem.baseUrl}/api/v1/sessions/${session.id}/recording/chunks/${seq}`, {
        method: 'PUT',
        headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrfToken, 'content-type': 'video/webm' },
        body,
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    },
  };
}
