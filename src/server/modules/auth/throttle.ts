import type { Db, Queryable } from '../../platform/db/pool.js';
import { recordEvents } from '../../platform/events/record.js';
import { AppError } from '../../platform/http/app-error.js';
import {
  bumpCounters,
  forgetAttempt,
  isKnown,
  throttleWindowMinutes,
  usersWithEmailOfAnyAccount,
} from './throttle-repository.js';

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
export const throttleLimits = { pair: 5, address: 30, account: 50, pendingSignIn: 5 } as const;

/** Who is trying: the e-mail, the client's address, and the `tandem_known` cookie's hash if any. */
export interface Attempter {
  email: string;
  ip: string | null;
  browser?: string | null;
}

type CounterKind = keyof typeof throttleLimits;
export interface Counter {
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
  const result = await bumpCounters(db, counters, throttleLimits.pair);
  const counted = counters.filter((c) => result.some((r) => r.key === c.key));
  const over: { kind: CounterKind; wait: number }[] = [];
  const atLimit: CounterKind[] = [];
  for (const row of result) {
    const counter = counters.find((c) => c.key === row.key)!;
    if (row.failures > throttleLimits[counter.kind]) over.push({ kind: counter.kind, wait: row.wait });
    else if (row.failures === throttleLimits[counter.kind]) atLimit.push(counter.kind);
  }
  const blocking = over.filter((o) => o.kind !== 'account');
  const accountOver = over.find((o) => o.kind === 'account');
  if (blocking.length > 0) throw tooMany(Math.max(...blocking.map((o) => o.wait)));
  if (accountOver && !(await isKnown(db, attempter.email, knownKeysOf(attempter)))) throw tooMany(accountOver.wait);
  return { attempter, counters: counted, atLimit };
}

/** The `sign_in_known` keys of an attempter: its address and its browser, as far as they are known. */
function knownKeysOf({ ip, browser }: Attempter): string[] {
  return [ip ? `address:${ip}` : null, browser ? `browser:${browser}` : null].filter((k): k is string => k !== null);
}

/**
 * The attempt failed. When it was the one that reached a limit, records `auth.signin_throttled`
 * for every account that has a user with this e-mail, in the same transaction: once per block.
 */
export async function attemptFailed(db: Queryable, attempt: CountedAttempt): Promise<void> {
  if (attempt.atLimit.length === 0) return;
  const { email, ip } = attempt.attempter;
  const users = await usersWithEmailOfAnyAccount(db, email);
  await recordEvents(
    db,
    users.map((user) => ({
      accountId: user.accountId,
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
  const [pair, ...others] = attempt.counters;
  if (!pair) return;
  await forgetAttempt(db, {
    email: attempt.attempter.email,
    pairKey: pair.key,
    otherKeys: others.map((c) => c.key),
    knownKeys: remember ? knownKeysOf(attempt.attempter) : [],
  });
}
