import { sql } from 'drizzle-orm';
import type { ConsoleSession } from '../lib/console-api.js';
import { httpPool } from '../lib/http-pool.js';
import { pacedCalls, type PacedResult } from '../lib/paced.js';
import type { Msp } from './p9-msp.js';

/** Connections the heartbeats share (a fleet's agents each have their own; the bench cannot open 10,000). */
const heartbeatSockets = 64;
/** Connections a browser opens to one server, which the console's requests share. */
const consoleSockets = 6;

/** One heartbeat as the agent sends it; true when acknowledged. */
async function heartbeat(
  pool: ReturnType<typeof httpPool>,
  baseUrl: string,
  credential: string,
): Promise<{ ok: boolean; heartbeatSeconds: number }> {
  const res = await pool.request(`${baseUrl}/api/agent/heartbeat`, {
    method: 'POST',
    headers: { authorization: `Device ${credential}` },
  });
  if (res.status !== 200) return { ok: false, heartbeatSeconds: NaN };
  return { ok: true, heartbeatSeconds: (JSON.parse(res.body) as { heartbeatSeconds: number }).heartbeatSeconds };
}

/** The interval Tandem gives its agents (the answer to a heartbeat). */
export async function heartbeatInterval(msp: Msp): Promise<number> {
  const pool = httpPool(1);
  const answer = await heartbeat(pool, msp.fixture.tandem.baseUrl, msp.fleet.credentials[0]!);
  pool.close();
  if (!answer.ok) throw new Error('a heartbeat was refused');
  return answer.heartbeatSeconds;
}

interface HeartbeatResult extends PacedResult {
  /** devices whose last heartbeat was acknowledged but whose last-seen time in the database is older */
  stale: number;
  /** devices that heartbeated yet are offline in the database */
  offline: number;
  devices: number;
}

/**
 * Every device but the silent ones heartbeating at `intervalSeconds`, in turn (device k every
 * interval, the fleet spread evenly over it) for `seconds`; then the database is checked: every
 * device's last-seen time at least its last acknowledged heartbeat, and none of them offline.
 */
export async function heartbeatLoad(msp: Msp, intervalSeconds: number, seconds: number): Promise<HeartbeatResult> {
  const silent = new Set(msp.silent);
  const beating = msp.fleet.ids.flatMap((id, i) => (silent.has(id) ? [] : [i]));
  const lastAcked = new Map<string, number>();
  const baseUrl = msp.fixture.tandem.baseUrl;
  const pool = httpPool(heartbeatSockets);
  const result = await pacedCalls({ ratePerSecond: beating.length / intervalSeconds, seconds }, async (k) => {
    const i = beating[k % beating.length]!;
    const sentAt = Date.now();
    const { ok } = await heartbeat(pool, baseUrl, msp.fleet.credentials[i]!);
    if (ok) lastAcked.set(msp.fleet.ids[i]!, Math.max(sentAt, lastAcked.get(msp.fleet.ids[i]!) ?? 0));
    return ok;
  });
  pool.close();
  const ids = [...lastAcked.keys()];
  const rows = (
    await msp.fixture.db.execute<{ id: string; last_seen_at: string; status: string }>(
      sql`select id, last_seen_at, status from devices where id in (select unnest(${`{${ids.join(',')}}`}::uuid[]))`,
    )
  ).rows;
  const stale = rows.filter((r) => new Date(r.last_seen_at).getTime() < lastAcked.get(r.id)!).length;
  const offline = rows.filter((r) => r.status !== 'online').length;
  return { ...result, stale: stale + (ids.length - rows.length), offline, devices: ids.length };
}

/** The console's request mix, in turn, at `ratePerSecond`; true when answered 200. */
export async function consoleLoad(
  baseUrl: string,
  session: ConsoleSession,
  mix: string[],
  ratePerSecond: number,
  seconds: number,
): Promise<PacedResult> {
  const pool = httpPool(consoleSockets);
  const result = await pacedCalls({ ratePerSecond, seconds }, async (k) => {
    const url = mix[k % mix.length]!;
    const res = await pool.request(`${baseUrl}${url}`, { headers: { cookie: session.cookie } });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.body.slice(0, 200)}`);
    return true;
  });
  pool.close();
  return result;
}
