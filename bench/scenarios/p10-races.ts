import { sql } from 'drizzle-orm';
import type WebSocket from 'ws';
import { queueStates } from '../../src/server/modules/requests/index.js';
import { openSocket, type ChatFixture, type Technician } from '../lib/chat-fixture.js';
import { inBatches } from '../lib/batches.js';

const httpOf = (socketBase: string) => socketBase.replace(/^ws/, 'http');

/** A technician's call through one process, with their session (signed in on another: no stickiness). */
function call(base: string, technician: Technician, method: 'POST' | 'PUT', path: string, body?: unknown) {
  const session = technician.session!;
  return fetch(`${httpOf(base)}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
}

/**
 * Presence across processes: every waiting customer's socket sits on one of the processes
 * (round robin); technicians go away one by one, then come back, each change made through
 * another process than the last. After each change, every customer must be told, within
 * `deadlineMs`, the position and estimate the database gives (`queueStates`, what every process
 * computes) for the new number of available technicians. The requests are dated an hour back so
 * the estimate no longer falls with time: it moves only with presence. Counts sockets that did not
 * agree by the deadline.
 */
export async function presenceAgreement(
  fixture: ChatFixture,
  bases: string[],
  deadlineMs = 3000,
): Promise<{ checks: number; disagreements: number }> {
  await fixture.db.execute(
    sql`update support_requests set created_at = created_at - interval '1 hour' where account_id = ${fixture.accountId}`,
  );
  const companyId = (
    await fixture.db.execute<{ company_id: string }>(
      sql`select company_id from support_requests where id = ${fixture.chats[0]!.id}`,
    )
  ).rows[0]!.company_id;
  const shown = new Map<string, string>();
  const sockets: WebSocket[] = await inBatches(fixture.chats, 20, async (chat, i) => {
    const socket = await openSocket(fixture.customerUrl(chat, bases[i % bases.length]), {}, chat.address);
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; queue?: unknown };
      if ((frame.type === 'queue' || frame.type === 'hello') && frame.queue)
        shown.set(chat.id, JSON.stringify(frame.queue));
    });
    return socket;
  });
  const technicians = fixture.technicians;
  const steps = [
    ...technicians.slice(1).map((t) => ({ technician: t, status: 'away' })),
    ...technicians.slice(1).map((t) => ({ technician: t, status: 'available' })),
  ];
  let checks = 0;
  let disagreements = 0;
  try {
    for (const [k, step] of steps.entries()) {
      const res = await call(bases[k % bases.length]!, step.technician, 'PUT', '/api/v1/me/presence', {
        status: step.status,
        capacity: 20,
      });
      if (res.status !== 200) throw new Error(`presence change failed: ${res.status} ${await res.text()}`);
      const expected = await queueStates(fixture.db, fixture.accountId, companyId, new Date());
      const wrong = () =>
        fixture.chats.filter((chat) => shown.get(chat.id) !== JSON.stringify(expected.get(chat.id))).length;
      const until = performance.now() + deadlineMs;
      while (wrong() > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
      checks += fixture.chats.length;
      disagreements += wrong();
    }
  } finally {
    for (const socket of sockets) socket.terminate();
  }
  return { checks, disagreements };
}

/**
 * Accept races across processes: every technician (on process t mod n) accepts the same request
 * at the same moment, `width` requests raced at once (all at once, thousands of accepts would
 * measure PostgreSQL's connection limit instead: four processes' pools fill its 100). Each
 * request must have exactly one 200, and the database must name that winner as its assignee; a
 * request without one (or whose stored assignee is not the winner) is lost. Answers other than
 * 200 and 409 are counted apart.
 */
export async function acceptRace(
  fixture: ChatFixture,
  bases: string[],
  width = 10,
): Promise<{ attempts: number; doubleWinners: number; lost: number; unexpected: string[] }> {
  const unexpected: string[] = [];
  const winners = new Map<string, string[]>();
  await inBatches(fixture.chats, width, (chat) =>
    Promise.all(
      fixture.technicians.map(async (technician, t) => {
        const res = await call(
          bases[t % bases.length]!,
          technician,
          'POST',
          `/api/v1/support-requests/${chat.id}/accept`,
        );
        if (res.status === 200) winners.set(chat.id, [...(winners.get(chat.id) ?? []), technician.id]);
        else if (res.status !== 409) unexpected.push(`${res.status} ${(await res.text()).slice(0, 200)}`);
        else await res.arrayBuffer();
      }),
    ),
  );
  const stored = new Map(
    (
      await fixture.db.execute<{ id: string; assignee_id: string | null; status: string }>(
        sql`select id, assignee_id, status from support_requests where account_id = ${fixture.accountId}`,
      )
    ).rows.map((r) => [r.id, r]),
  );
  let doubleWinners = 0;
  let lost = 0;
  for (const chat of fixture.chats) {
    const won = winners.get(chat.id) ?? [];
    if (won.length > 1) doubleWinners++;
    const row = stored.get(chat.id);
    if (won.length === 0 || row?.status !== 'active' || row.assignee_id !== won[0]) lost++;
  }
  return { attempts: fixture.chats.length * fixture.technicians.length, doubleWinners, lost, unexpected };
}
