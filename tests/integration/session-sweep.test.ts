import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startSessionSweep, sweepExpiredSessions } from '../../src/server/modules/auth/index.js';
import { eventually } from '../support/eventually.js';
import { anAccount, anAccountSetting, aSession, sessionsOf, type TestAccount } from '../support/builders/index.js';
import { createTestDatabase } from '../support/test-database.js';

const database = await createTestDatabase();
const { db } = database;

/** A session of the account's administrator, its times as given (PostgreSQL intervals from now). */
const session = (account: TestAccount, options: { expiresIn?: string; idleFor?: string; pending?: boolean } = {}) =>
  aSession(db, account.admin, options);

const remaining = async (ids: string[]) =>
  (await Promise.all(ids.map((idHash) => sessionsOf(db, { idHash }))))
    .flat()
    .map((r) => r.idHash)
    .sort();

describe('expired sessions are deleted', () => {
  it('deletes sessions past their expiry, pending sign-ins past their 5 minutes and sessions idle beyond their account’s setting; keeps live ones', async () => {
    const relaxed = await anAccount(db, { name: 'Relaxed', companies: 1 }); // security.sessionIdleMinutes: the default 60
    const strict = await anAccount(db, { name: 'Strict', companies: 1 });
    await anAccountSetting(db, strict, 'security.sessionIdleMinutes', 10);

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
