import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/pool.js';
import type { Channel, Notice } from './channels.js';

/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
const maxPayloadBytes = 7_900;
const channelPattern = /^tandem_[a-z_]{1,40}$/;

export function assertChannel(channel: string): void {
  if (!channelPattern.test(channel)) throw new Error(`invalid notification channel ${channel}`);
}

/**
 * Publishes a message to every Tandem process (PostgreSQL NOTIFY). Inside a transaction it is
 * delivered only when the transaction commits, and not at all if it rolls back: publish in the
 * same transaction as the change the message announces. Payloads are small (ids, not documents).
 */
export async function publish<P>(q: Queryable, channel: Channel<P>, payload: P): Promise<void> {
  await publishMany(q, channel, [payload]);
}

/** Publishes several messages on one channel in one statement, in order; same rules as `publish`. */
export async function publishMany<P>(q: Queryable, channel: Channel<P>, payloads: readonly P[]): Promise<void> {
  await publishAll(
    q,
    payloads.map((payload) => notice(channel, payload)),
  );
}

/** A message on its channel, for `publishAll`: the payload has the channel's type. */
export function notice<P>(channel: Channel<P>, payload: P): Notice {
  return { channel, payload };
}

/**
 * A NOTIFY as an SQL expression, for a statement that computes its payload itself (e.g. from the
 * row it inserts): `payload` must be the JSON text of the channel's payload type, small as above.
 * Delivered at commit, like `publish`.
 */
export function notifyExpression<P>(channel: Channel<P>, payload: SQL): SQL {
  assertChannel(channel.name);
  return sql`pg_notify(${channel.name}, ${payload})`;
}

/** Publishes messages on several channels in one statement, in order; same rules as `publish`. */
export async function publishAll(q: Queryable, notices: readonly Notice[]): Promise<void> {
  if (notices.length === 0) return;
  const texts = notices.map(({ channel: { name }, payload }) => {
    assertChannel(name);
    const text = JSON.stringify(payload);
    if (Buffer.byteLength(text) > maxPayloadBytes)
      throw new Error(`notification on ${name} is too large (${Buffer.byteLength(text)} bytes)`);
    return text;
  });
  if (texts.length === 1) {
    await q.execute(sql`select pg_notify(${notices[0]!.channel.name}, ${texts[0]})`);
    return;
  }
  await q.execute(sql`
    select pg_notify(c.channel, p.payload)
    from json_array_elements_text(${JSON.stringify(notices.map((n) => n.channel.name))}::json) with ordinality as c(channel, n)
    join json_array_elements_text(${JSON.stringify(texts)}::json) with ordinality as p(payload, n) on p.n = c.n
    order by c.n`);
}
