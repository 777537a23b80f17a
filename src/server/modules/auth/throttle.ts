import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { recordEvent } from '../../platform/events/record.js';
import { AppError } from '../../platform/http/app-error.js';

/**
 * Failed sign-in throttling, shared by every server process through the database.
 * Three fixed windows of 15 minutes:
 *  - one e-mail from one address: 5 failures, so guessing one password is slow;
 *  - one address: 30 failures, so spraying many accounts is slow;
 *  - one e-mail from anywhere: 50 failures, against guessing from many addresses.
 * A block always lifts by itself at the end of its window, and a victim signing in from
 * their own address is only held back while a many-address attack is actually under way.
 */
export const throttleWindowMinutes = 15;
const limits = { pair: 5, address: 30, account: 50 } as const;

function keysOf(email: string, ip: string | null) {
  const address = ip ?? 'unknown';
  return [
    { key: `pair:${email}|${address}`, limit: limits.pair },
    { key: `address:${address}`, limit: limits.address },
    { key: `account:${email}`, limit: limits.account },
  ];
}

/**
 * Throws 429 with Retry-After when any window for this e-mail or address is blocked. Otherwise
 * tells whether this e-mail has failures counted from this address (`clearFailures` has
 * something to clear), so a sign-in without earlier failures costs one statement here.
 */
export async function assertNotThrottled(db: Queryable, email: string, ip: string | null): Promise<{ failuresFromHere: boolean }> {
  const keys = keysOf(email, ip).map((k) => k.key);
  const result = await db.execute<{ wait: number | null; failures_from_here: boolean | null }>(sql`
    select ceil(extract(epoch from max(blocked_until) filter (where blocked_until > now()) - now()))::int as wait,
      bool_or(key = ${keys[0]!}) as failures_from_here
    from sign_in_throttle
    where key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`);
  const wait = result.rows[0]?.wait;
  if (wait && wait > 0) {
    throw new AppError(
      'rate_limited',
      `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).`,
      { retryAfterSeconds: wait },
      { 'retry-after': String(wait) },
    );
  }
  return { failuresFromHere: result.rows[0]?.failures_from_here === true };
}

/**
 * Counts a failure. When it is the one that blocks a key, and the e-mail is a user's, records
 * `auth.signin_throttled` for their account in the same transaction: once per block, not for
 * every refused attempt after it (those never get here).
 */
export async function recordFailure(db: Queryable, email: string, ip: string | null): Promise<void> {
  const keys = keysOf(email, ip);
  const rows = keys.map((k) => sql`(${k.key}, ${k.limit}::int)`);
  const updated = await db.execute<{ key: string; failures: number; blocked_until: Date | null }>(sql`
    insert into sign_in_throttle as t (key, failures, window_started_at, blocked_until)
    select v.key, 1, now(), case when 1 >= v.lim then now() + make_interval(mins => ${throttleWindowMinutes}) end
    from (values ${sql.join(rows, sql`, `)}) as v(key, lim)
    on conflict (key) do update set
      failures = case when t.window_started_at < now() - make_interval(mins => ${throttleWindowMinutes}) then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at < now() - make_interval(mins => ${throttleWindowMinutes}) then now() else t.window_started_at end,
      blocked_until = case
        when t.window_started_at < now() - make_interval(mins => ${throttleWindowMinutes}) then null
        when t.failures + 1 >= (select v2.lim from (values ${sql.join(rows, sql`, `)}) as v2(key, lim) where v2.key = t.key)
          then t.window_started_at + make_interval(mins => ${throttleWindowMinutes})
        else t.blocked_until end
    returning t.key, t.failures, t.blocked_until`);
  const blocked = keys.filter((k) => updated.rows.some((r) => r.key === k.key && r.blocked_until !== null && r.failures === k.limit));
  if (blocked.length === 0) return;
  const user = await db.execute<{ id: string; account_id: string }>(sql`select id, account_id from users where email = ${email.toLowerCase()} limit 1`);
  if (!user.rows[0]) return;
  await recordEvent(db, {
    accountId: user.rows[0].account_id,
    companyId: null,
    type: 'auth.signin_throttled',
    subjectId: user.rows[0].id,
    payload: { email, ip, blocked: blocked.map((k) => k.key.split(':')[0]!), minutes: throttleWindowMinutes },
  });
}

/** A successful sign-in clears the counter of this e-mail from this address. */
export async function clearFailures(db: Queryable, email: string, ip: string | null): Promise<void> {
  const [pair] = keysOf(email, ip);
  await db.execute(sql`delete from sign_in_throttle where key = ${pair.key}`);
}

/** Lifts every block on an e-mail (after an operator resets its password). */
export async function clearAllFailuresFor(db: Queryable, email: string): Promise<void> {
  await db.execute(sql`delete from sign_in_throttle where key = ${`account:${email}`} or key like ${`pair:${email}|%`}`);
}
