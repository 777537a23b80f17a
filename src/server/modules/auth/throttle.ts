import { sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { recordEvents } from '../../platform/events/record.js';
import { AppError } from '../../platform/http/app-error.js';

/**
 * Throttling of everything that checks a password or a second factor (sign-in, its code step,
 * the current password asked by My account), shared by every server process through the database.
 *
 * An attempt is counted **before** it is checked, in one statement that increments the counters
 * and answers them, so parallel attempts each see their own number and only the allowed ones are
 * ever checked; a success takes its attempt back. Fixed windows of 15 minutes:
 *  - one e-mail from one address: 5 attempts, so guessing one password is slow;
 *  - one address: 30, so spraying many accounts is slow;
 *  - one e-mail from anywhere: 50, against guessing from many addresses. Each address adds at most
 *    its own 5 to it, so one address can never hold an e-mail back for the others; and a browser
 *    or address that signed in to this e-mail before still gets through while that limit holds
 *    (with its own 5 attempts per window: OWASP's device cookies);
 *  - one pending sign-in's code step: 5 codes, whatever the address.
 * A block always lifts by itself at the end of its window.
 */
export const throttleWindowMinutes = 15;
export const throttleLimits = { pair: 5, address: 30, account: 50, pendingSignIn: 5 } as const;

/** Who is trying: the e-mail, the client's address, and the `tandem_known` cookie's hash if any. */
export interface Attempter {
  email: string;
  ip: string | null;
  browser?: string | null;
}

type CounterKind = keyof typeof throttleLimits;
interface Counter {
  kind: CounterKind;
  key: string;
  /** counted only while the e-mail-from-this-address counter is within its limit */
  gated: boolean;
}

/** An attempt that was counted and may now be checked; give it back to `attemptFailed` or `attemptSucceeded`. */
export interface CountedAttempt {
  attempter: Attempter;
  counters: Counter[];
  /** counters this attempt reached the limit of (a failure now blocks them) */
  atLimit: CounterKind[];
}

function countersOf({ email, ip }: Attempter, pendingSignIn?: string): Counter[] {
  const address = ip ?? 'unknown';
  const counters: Counter[] = [
    { kind: 'pair', key: `pair:${email}|${address}`, gated: false },
    { kind: 'address', key: `address:${address}`, gated: true },
    { kind: 'account', key: `account:${email}`, gated: true },
  ];
  if (pendingSignIn) counters.push({ kind: 'pendingSignIn', key: `pending:${pendingSignIn}`, gated: false });
  return counters;
}

const windowOver = sql`t.window_started_at < now() - make_interval(mins => ${throttleWindowMinutes})`;

/**
 * A CTE that lets its statement commit without waiting for the disk (`synchronous_commit` off for
 * this transaction only): a counter is never an acknowledged change, and an operating-system crash
 * can at worst forget the last moment's counts. Spares every sign-in two disk flushes. The
 * statement must read from it, or PostgreSQL never runs it; and it must be a statement of its own
 * (the functions using it take `Db`, never a transaction, whose other writes would lose their flush too).
 */
const commitWithoutFlush = sql`no_flush as (select set_config('synchronous_commit', 'off', true))`;

/** One counter's upsert: +1, or 1 in a new window; `gate` limits it to when the pair is within its limit. */
function bump(counter: Counter, gate: SQL | null): SQL {
  return sql`insert into sign_in_throttle as t (key, failures, window_started_at)
    select ${counter.key}, 1, now() ${gate ?? sql``}
    on conflict (key) do update set
      failures = case when ${windowOver} then 1 else t.failures + 1 end,
      window_started_at = case when ${windowOver} then now() else t.window_started_at end
    returning t.key, t.failures, ceil(extract(epoch from t.window_started_at + make_interval(mins => ${throttleWindowMinutes}) - now()))::int as wait`;
}

function tooMany(wait: number): AppError {
  const seconds = Math.max(1, wait);
  return new AppError(
    'rate_limited',
    `Too many attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
    { reason: 'too_many_attempts', retryAfterSeconds: seconds },
    { 'retry-after': String(seconds) },
  );
}

/**
 * Counts an attempt, then throws 429 with Retry-After when a counter is past its limit (the
 * e-mail's own limit lets known browsers and addresses through). One statement for the counters;
 * one more read only while the e-mail's limit is reached.
 */
export async function countAttempt(
  db: Db,
  attempter: Attempter,
  options: { pendingSignIn?: string } = {},
): Promise<CountedAttempt> {
  const counters = countersOf(attempter, options.pendingSignIn);
  const gate = sql`from pair where pair.failures <= ${throttleLimits.pair}`;
  const ctes = counters.map(
    (c, i) => sql`${sql.raw(i === 0 ? 'pair' : `c${i}`)} as (${bump(c, c.gated ? gate : null)})`,
  );
  const selects = counters.map((_, i) => sql`select key, failures, wait from ${sql.raw(i === 0 ? 'pair' : `c${i}`)}`);
  const result = await db.execute<{ key: string; failures: number; wait: number }>(
    sql`with ${commitWithoutFlush}, ${sql.join(ctes, sql`, `)} select counted.* from (${sql.join(selects, sql` union all `)}) counted cross join no_flush`,
  );
  const counted = counters.filter((c) => result.rows.some((r) => r.key === c.key));
  const over: { kind: CounterKind; wait: number }[] = [];
  const atLimit: CounterKind[] = [];
  for (const row of result.rows) {
    const counter = counters.find((c) => c.key === row.key)!;
    if (row.failures > throttleLimits[counter.kind]) over.push({ kind: counter.kind, wait: row.wait });
    else if (row.failures === throttleLimits[counter.kind]) atLimit.push(counter.kind);
  }
  const blocking = over.filter((o) => o.kind !== 'account');
  const accountOver = over.find((o) => o.kind === 'account');
  if (blocking.length > 0) throw tooMany(Math.max(...blocking.map((o) => o.wait)));
  if (accountOver && !(await isKnown(db, attempter))) throw tooMany(accountOver.wait);
  return { attempter, counters: counted, atLimit };
}

/** The `sign_in_known` keys of an attempter: its address and its browser, as far as they are known. */
function knownKeysOf({ ip, browser }: Attempter): string[] {
  return [ip ? `address:${ip}` : null, browser ? `browser:${browser}` : null].filter((k): k is string => k !== null);
}

/** Whether this browser or this address signed in to the e-mail within the last 90 days. */
async function isKnown(db: Queryable, attempter: Attempter): Promise<boolean> {
  const { email } = attempter;
  const keys = knownKeysOf(attempter);
  if (keys.length === 0) return false;
  const result = await db.execute<{ known: boolean }>(sql`
    select exists (select 1 from sign_in_known where email = ${email} and key in (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )})
      and last_success_at > now() - interval '90 days') as known`);
  return result.rows[0]?.known === true;
}

/**
 * The attempt failed. When it was the one that reached a limit, records `auth.signin_throttled`
 * for every account that has a user with this e-mail, in the same transaction: once per block.
 */
export async function attemptFailed(db: Queryable, attempt: CountedAttempt): Promise<void> {
  if (attempt.atLimit.length === 0) return;
  const { email, ip } = attempt.attempter;
  const users = await db.execute<{ id: string; account_id: string }>(
    sql`select id, account_id from users where email = ${email}`,
  );
  await recordEvents(
    db,
    users.rows.map((user) => ({
      accountId: user.account_id,
      companyId: null,
      type: 'auth.signin_throttled' as const,
      subjectId: user.id,
      payload: { email, ip, blocked: attempt.atLimit, minutes: throttleWindowMinutes },
    })),
  );
}

/**
 * The attempt succeeded: it no longer counts, the e-mail's failures from this address are
 * forgotten, and — for a completed sign-in (`remember`) — this address and browser become known
 * to the e-mail. One statement.
 */
export async function attemptSucceeded(db: Db, attempt: CountedAttempt, remember = false): Promise<void> {
  const { email } = attempt.attempter;
  const [pair, ...others] = attempt.counters;
  const known = remember ? knownKeysOf(attempt.attempter) : [];
  const parts: SQL[] = [commitWithoutFlush, sql`forget as (delete from sign_in_throttle where key = ${pair!.key})`];
  if (others.length > 0) {
    parts.push(sql`give_back as (update sign_in_throttle set failures = greatest(failures - 1, 0)
      where key in (${sql.join(
        others.map((c) => sql`${c.key}`),
        sql`, `,
      )}))`);
  }
  if (known.length > 0) {
    parts.push(sql`remember as (insert into sign_in_known (email, key)
      values ${sql.join(
        known.map((k) => sql`(${email}, ${k})`),
        sql`, `,
      )}
      on conflict (email, key) do update set last_success_at = now())`);
  }
  await db.execute(sql`with ${sql.join(parts, sql`, `)} select 1 from no_flush`);
}

/** Lifts every block on an e-mail (after an operator resets its password). */
export async function clearAllFailuresFor(db: Queryable, email: string): Promise<void> {
  await db.execute(
    sql`delete from sign_in_throttle where key = ${`account:${email}`} or key like ${`pair:${email}|%`}`,
  );
}

/** Deletes counters whose window ended and known browsers and addresses unused for 90 days; answers how many rows went. */
export async function forgetStaleSignInRecords(db: Queryable): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`
    with counters as (delete from sign_in_throttle where window_started_at < now() - make_interval(mins => ${throttleWindowMinutes}) returning 1),
      known as (delete from sign_in_known where last_success_at < now() - interval '90 days' returning 1)
    select (select count(*) from counters)::int + (select count(*) from known)::int as n`);
  return result.rows[0]?.n ?? 0;
}
