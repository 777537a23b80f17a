import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface NotifyRate {
  listeners: number;
  /** notifications committed per second (each in a transaction of its own, as Tandem's changes) */
  sentPerSecond: number;
  /** notifications per second each listener received, the slowest listener's */
  deliveredPerSecond: number;
  /** sent but not received by some listener after the drain */
  missing: number;
}

/** A notice shaped like Tandem's request notices (three ids, a change, who took it): about 200 bytes. */
const payload = () =>
  JSON.stringify({
    accountId: randomUUID(),
    companyId: randomUUID(),
    requestId: randomUUID(),
    change: 'message',
    takenBy: { id: randomUUID(), name: 'Technician 12' },
  });

/**
 * The NOTIFY rate one PostgreSQL carries to `listeners` listening connections (each standing for
 * a Tandem process's LISTEN connection), raw `pg`: `senders` connections commit `select
 * pg_notify(…)` back to back for `seconds`, then the listeners are given a moment to drain. The
 * delivered rate is the fan-out's ceiling: every process receives every notice.
 */
export async function notifyRate(
  databaseUrl: string,
  { listeners, senders = 4, seconds }: { listeners: number; senders?: number; seconds: number },
): Promise<NotifyRate> {
  const channel = 'bench_notify_probe';
  const received = Array.from({ length: listeners }, () => 0);
  const listening = await Promise.all(
    received.map(async (_, i) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      client.on('error', () => {});
      await client.connect();
      client.on('notification', () => void received[i]!++);
      await client.query(`listen ${channel}`);
      return client;
    }),
  );
  const sending = await Promise.all(
    Array.from({ length: senders }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      client.on('error', () => {});
      await client.connect();
      return client;
    }),
  );
  let sent = 0;
  try {
    const until = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      sending.map(async (client) => {
        while (performance.now() < until) {
          await client.query('select pg_notify($1, $2)', [channel, payload()]);
          sent++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const drainUntil = performance.now() + 10_000;
    while (Math.min(...received) < sent && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
    const deliveredSeconds = (performance.now() - started) / 1000;
    return {
      listeners,
      sentPerSecond: sent / elapsed,
      deliveredPerSecond: Math.min(...received) / deliveredSeconds,
      missing: sent - Math.min(...received),
    };
  } finally {
    await Promise.all([...listening, ...sending].map((c) => c.end()));
  }
}
