import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { signInKnown, signInThrottle } from '../../../src/server/modules/auth/tables.js';

/** Every sign-in counter's window started `minutes` earlier, as if that time had passed. */
export async function throttleWindowsPassed(db: Db, minutes: number): Promise<void> {
  await db
    .update(signInThrottle)
    .set({ windowStartedAt: sql`${signInThrottle.windowStartedAt} - make_interval(mins => ${minutes})` });
}

/** A sign-in counter (`pair:<email>|<address>`, `account:<email>`…) with its failures, its window started `minutesAgo`. */
export async function aThrottleCounter(db: Db, key: string, failures: number, minutesAgo = 0): Promise<void> {
  await db
    .insert(signInThrottle)
    .values({ key, failures, windowStartedAt: sql`now() - make_interval(mins => ${minutesAgo})` });
}

/** An address or browser (`address:<ip>`, `browser:<hash>`) that signed in to the e-mail `daysAgo`. */
export async function aKnownSignIn(db: Db, email: string, key: string, daysAgo = 0): Promise<void> {
  await db.insert(signInKnown).values({ email, key, lastSuccessAt: sql`now() - make_interval(days => ${daysAgo})` });
}

/** The sign-in counters stored under these keys. */
export async function throttleCounters(db: Db, keys: readonly string[]) {
  return db
    .select()
    .from(signInThrottle)
    .where(inArray(signInThrottle.key, [...keys]));
}

/** The remembered sign-ins (addresses and browsers) of an e-mail. */
export async function knownSignInsOf(db: Db, email: string) {
  return db.select().from(signInKnown).where(eq(signInKnown.email, email));
}
