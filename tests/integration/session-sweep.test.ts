import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../src/server/modules/auth/tables.js';
import { createSession, startSessionSweep, sweepExpiredSessions } from '../../src/server/modules/auth/index.js';
import { accountSettings } from '../../src/server/modules/settings/tables.js';
import { eventually } from '../support/eventually.js';
import { anAccount, type TestAccount } from '../support/builders/index.js';
import { createTestDatabase } from '../support/test-database.js';

const database = await createTestDatabase();
const { db } = database;

/** A session of the account's administrator, its times then set as given (SQL intervals before now). */
async function session(
  account: TestAccount,
  { expiresIn = '12 hours', idleFor = '0 seconds', pending = false } = {},
): Promise<string> {
  const { idHash } = await createSession(db, {
    accountId: account.id,
    userId: account.admin.id,
    ip: null,
    userAgent: null,
    secondFactorPending: pending,
  });
  await db
    .update(sessions)
    .set({ expiresAt: sql`now() + ${expiresIn}::interval`, lastSeenAt: sql`now() - ${idleFor}::interval` })
    .where(eq(sessions.idHash, idHash));
  return idHash;
}

const remaining = async (ids: string[]) =>
  (await db.select({ idHash: sessions.idHash }).from(sessions))
    .map((r) => r.idHash)
    .filter((id) => ids.includes(id))
    .sort();

describe('expired sessions are deleted', () => {
  it('deletes sessions past their expiry, pending sign-ins past their 5 minutes and sessions idle beyond their account’s setting; keeps live ones', async () => {
    const relaxed = await anAccount(db, { name: 'Relaxed', companies: 1 }); // security.sessionIdleMinutes: the default 60
    const strict = await anAccount(db, { name: 'Strict', companies: 1 });
    await db.insert(accountSettings).values({ accountId: strict.id, key: 'security.sessionIdleMinutes', value: 10 });

    const live = await session(relaxed, { idleFor: '2 minutes' });
    const idleButWithinSetting = await session(relaxed, { idleFor: '30 minutes' });
    const pendingLive = await session(relaxed, { expiresIn: '4 minutes', pending: true });
    const strictLive = await session(strict, { idleFor: '5 minutes' });
    const keep = [live, idleButWithinSetting, pendingLive, strictLive];

    const expired = await session(relaxed, { expiresIn: '-1 second' });
    const pendingExpired = await session(relaxed, { expiresIn: '-10 seconds', pending: true });
    const idleTooLong = await session(relaxed, { idleFor: '61 minutes' });
    const strictIdle = await session(strict, { idleFor: '11 minutes' });
    const gone = [expired, pendingExpired, idleTooLong, strictIdle];

    expect(await sweepExpiredSessions(db, { batchSize: 2 })).toBe(4);
    expect(await remaining([...keep, ...gone])).toEqual([...keep].sort());
    expect(await sweepExpiredSessions(db)).toBe(0);
  });

  it('several processes sweeping at once delete each row once, without errors', async () => {
    const account = await anAccount(db, { name: 'Many', companies: 1 });
    const live = await session(account);
    const expired = await Promise.all(Array.from({ length: 60 }, () => session(account, { expiresIn: '-1 minute' })));
    const counts = await Promise.all(Array.from({ length: 4 }, () => sweepExpiredSessions(db, { batchSize: 7 })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
    expect(await remaining([live, ...expired])).toEqual([live]);
  });

  it('the process’s sweep runs at start and then periodically, and stops', async () => {
    const account = await anAccount(db, { name: 'Timer', companies: 1 });
    const first = await session(account, { expiresIn: '-1 minute' });
    const sweep = startSessionSweep({ db, log: pino({ level: 'silent' }), everyMs: 100 });
    expect(await eventually(async () => (await remaining([first])).length === 0)).toBe(true);
    const later = await session(account, { expiresIn: '-1 minute' });
    expect(await eventually(async () => (await remaining([later])).length === 0)).toBe(true);
    await sweep.stop();
  });
});
