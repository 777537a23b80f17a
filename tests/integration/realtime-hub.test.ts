import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { NotifyHub } from '../../src/server/platform/realtime/notify-hub.js';
import { publish } from '../../src/server/platform/realtime/publish.js';
import { channels, type Channel } from '../../src/server/platform/realtime/channels.js';
import type { DomainEvent } from '../../src/shared/events.js';
import { recordEvent, recordEventsSql } from '../../src/server/platform/events/record.js';
import { createTestDatabase, cutNotifyConnections } from '../support/test-database.js';
import { anAccount } from '../support/builders/index.js';

const database = await createTestDatabase();
const hub = new NotifyHub({ url: database.url, retryMs: 50 });
beforeAll(() => hub.start());
afterAll(() => hub.stop());

/** A channel of this test only (the server's channels are all in `channels.ts`). */
function testChannel<P>(name: string): Channel<P> {
  return { name: name as Channel<P>['name'] };
}

/**
 * Listens on `channel`, then answers the next message to come (a message sent before the hub listens
 * is not heard). In an object: an async function answering a promise would wait for it.
 */
async function nextMessage<P>(channel: Channel<P>, timeoutMs = 5000): Promise<{ next: Promise<P> }> {
  let heard!: (payload: P) => void;
  const message = new Promise<P>((resolve, reject) => {
    heard = resolve;
    setTimeout(() => reject(new Error(`nothing on ${channel.name}`)), timeoutMs).unref();
  });
  await hub.subscribe(channel, (payload) => heard(payload));
  return { next: message };
}

describe('notification hub', () => {
  it('delivers a message published inside a transaction only once it commits', async () => {
    const channel = testChannel<{ n: number }>('tandem_test_commit');
    const received: unknown[] = [];
    await hub.subscribe(channel, (p) => received.push(p));
    await database.db.transaction(async (tx) => {
      await publish(tx, channel, { n: 1 });
      await new Promise((r) => setTimeout(r, 150));
      expect(received).toEqual([]);
    });
    await expect.poll(() => received).toEqual([{ n: 1 }]);
  });

  it('drops a message whose transaction rolls back', async () => {
    const channel = testChannel<{ n: number }>('tandem_test_rollback');
    const received: unknown[] = [];
    await hub.subscribe(channel, (p) => received.push(p));
    await database.db
      .transaction(async (tx) => {
        await publish(tx, channel, { n: 1 });
        throw new Error('rolled back');
      })
      .catch(() => {});
    await publish(database.db, channel, { n: 2 });
    await expect.poll(() => received).toEqual([{ n: 2 }]);
  });

  it('refuses bad channel names and oversize payloads', async () => {
    await expect(publish(database.db, testChannel('other; drop table x'), {})).rejects.toThrow(
      /invalid notification channel/,
    );
    await expect(publish(database.db, testChannel('tandem_test_big'), { text: 'x'.repeat(8000) })).rejects.toThrow(
      /too large/,
    );
  });

  it('reconnects after its connection is killed and tells subscribers to resynchronise', async () => {
    const channel = testChannel<{ after: boolean }>('tandem_test_reconnect');
    const received: unknown[] = [];
    await hub.subscribe(channel, (p) => received.push(p));
    let reconnected = 0;
    hub.onReconnect(() => reconnected++);
    await cutNotifyConnections(database.db);
    await expect.poll(() => reconnected, { timeout: 5000 }).toBeGreaterThan(0);
    await publish(database.db, channel, { after: true });
    await expect.poll(() => received).toEqual([{ after: true }]);
  });
});

describe('domain events', () => {
  it('are stored and announced with their id', async () => {
    const account = await anAccount(database.db, { name: 'Events' });
    const message = (await nextMessage(channels.events)).next;
    const id = await database.db.transaction((tx) =>
      recordEvent(tx, {
        accountId: account.id,
        companyId: account.companyIds[0]!,
        type: 'device.enrolled',
        subjectId: account.companyIds[0]!,
        payload: { name: 'pc-1' },
      }),
    );
    expect(await message).toMatchObject({
      id,
      accountId: account.id,
      type: 'device.enrolled',
      payload: { name: 'pc-1' },
    });
    const rows = await database.db.execute(sql`select type, payload from domain_events where id = ${id}`);
    expect(rows.rows).toEqual([{ type: 'device.enrolled', payload: { name: 'pc-1' } }]);
  });

  it('are stored and announced the same way by the statement that causes them', async () => {
    const account = await anAccount(database.db, { name: 'Events in one statement' });
    const companyId = account.companyIds[0]!;
    const heard: DomainEvent[] = [];
    await hub.subscribe(channels.events, (e) => {
      if (e.accountId === account.id) heard.push(e);
    });
    const source = sql`select ${account.id}::uuid, ${companyId}::uuid, 'device.enrolled', ${companyId}::uuid,
      jsonb_build_object('name', 'pc-' || n, 'quote', 'a "b" \\ c') from generate_series(1, 3) as n`;
    const { rows } = await database.db.execute<{ announced: number }>(
      sql`with ${recordEventsSql(source)} select (select count(*) from announced_events)::int as announced`,
    );
    expect(rows).toEqual([{ announced: 3 }]);
    const byClient = await database.db.transaction((tx) =>
      recordEvent(tx, { accountId: account.id, companyId, type: 'device.enrolled', subjectId: companyId, payload: {} }),
    );
    await expect.poll(() => heard.length).toBe(4);
    const stored = await database.db.execute<{ id: string; occurred_at: string }>(
      sql`select id::text, occurred_at from domain_events where account_id = ${account.id} order by id`,
    );
    expect(heard.map((e) => e.id)).toEqual(stored.rows.map((r) => r.id));
    expect(heard.at(-1)!.id).toBe(byClient);
    heard.forEach((e, i) => {
      // the same keys and forms as a notice sent by recordEvents
      expect(Object.keys(e).sort()).toEqual(Object.keys(heard[3]!).sort());
      expect(e.occurredAt).toBe(new Date(stored.rows[i]!.occurred_at).toISOString());
    });
    expect(heard[1]).toMatchObject({
      accountId: account.id,
      companyId,
      type: 'device.enrolled',
      subjectId: companyId,
      payload: { name: 'pc-2', quote: 'a "b" \\ c' },
    });
  });
});
