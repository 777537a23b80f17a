import { sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/pool.js';
import type { Counter } from './throttle.js';

/** The length of a counter's fixed window, in minutes (the policy is in throttle.ts). */
export const throttleWindowMinutes = 15;

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

/**
 * Counts one attempt on every counter in one statement and answers each counter's failures and the seconds until
 * its window ends. Gated counters move only while the first counter (the e-mail from this address) is within
 * `pairLimit`, so one address cannot hold an e-mail back for the others.
 */
export async function bumpCounters(
  db: Db,
  counters: readonly Counter[],
  pairLimit: number,
): Promise<{ key: string; failures: number; wait: number }[]> {
  const gate = sql`from pair where pair.failures <= ${pairLimit}`;
  const ctes = counters.map(
    (c, i) => sql`${sql.raw(i === 0 ? 'pair' : `c${i}`)} as (${bump(c, c.gated ? gate : null)})`,
  );
  const selects = counters.map((_, i) => sql`select key, failures, wait from ${sql.raw(i === 0 ? 'pair' : `c${i}`)}`);
  const result = await db.execute<{ key: string; failures: number; wait: number }>(
    sql`with ${commitWithoutFlush}, ${sql.join(ctes, sql`, `)} select counted.* from (${sql.join(selects, sql` union all `)}) counted cross join no_flush`,
  );
  return result.rows;
}

/** Whether this browser or this address signed in to the e-mail within the last 90 days. */
export async function isKnown(db: Queryable, email: string, keys: readonly string[]): Promise<boolean> {
  if (keys.length === 0) return false;
  const result = await db.execute<{ known: boolean }>(sql`
    select exists (select 1 from sign_in_known where email = ${email} and key in (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )})
      and last_success_at > now() - interval '90 days') as known`);
  return result.rows[0]?.known === true;
}

/** The users of every account with this e-mail: whom a block concerns. */
export async function usersWithEmailOfAnyAccount(
  db: Queryable,
  email: string,
): Promise<{ id: string; accountId: string }[]> {
  const result = await db.execute<{ id: string; account_id: string }>(
    sql`select id, account_id from users where email = ${email}`,
  );
  return result.rows.map((r) => ({ id: r.id, accountId: r.account_id }));
}

/**
 * A successful attempt: forgets the e-mail's failures from this address, gives the other counters their attempt
 * back and, when `knownKeys` are given, remembers this address and browser for the e-mail. One statement.
 */
export async function forgetAttempt(
  db: Db,
  attempt: { email: string; pairKey: string; otherKeys: readonly string[]; knownKeys: readonly string[] },
): Promise<void> {
  const { email, pairKey, otherKeys, knownKeys } = attempt;
  const parts: SQL[] = [commitWithoutFlush, sql`forget as (delete from sign_in_throttle where key = ${pairKey})`];
  if (otherKeys.length > 0) {
    parts.push(sql`give_back as (update sign_in_throttle set failures = greatest(failures - 1, 0)
      where key in (${sql.join(
        otherKeys.map((k) => sql`${k}`),
        sql`, `,
      )}))`);
  }
  if (knownKeys.length > 0) {
    parts.push(sql`remember as (insert into sign_in_known (email, key)
      values ${sql.join(
        knownKeys.map((k) => sql`(${email}, ${k})`),
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
