import { describe, expect, it } from 'vitest';
import { expireWaitingSessions, removeStaleSessionRows } from '../../src/server/modules/sessions/index.js';
import { hashSessionCode } from '../../src/server/modules/sessions/index.js';
import { firstWords, statementsDuring } from '../support/statements.js';
import { createTestApp } from '../support/test-app.js';
import {
  aCodeFailure,
  anAccount,
  aSessionSignal,
  aSupportSession,
  codeFailuresOf,
  eventsAbout,
  sessionSignalIdsOf,
  supportSessionRow,
  timelineTypesOf,
} from '../support/builders/index.js';

const { database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Sweeps', companies: 1 });
const base = { accountId: account.id, companyId: account.companyIds[0], technicianId: account.admin.id };

describe('the sessions sweep', () => {
  it('expires waiting sessions whose code ran out, once, and leaves the others', async () => {
    const now = new Date();
    const due = await aSupportSession(db, {
      ...base,
      codeHash: hashSessionCode('111111111'),
      codeExpiresAt: new Date(now.getTime() - 1000),
    });
    const fresh = await aSupportSession(db, {
      ...base,
      codeHash: hashSessionCode('222222222'),
      codeExpiresAt: new Date(now.getTime() + 60_000),
    });
    const joined = await aSupportSession(db, {
      ...base,
      status: 'joined',
      codeExpiresAt: new Date(now.getTime() - 1000),
    });

    expect(await expireWaitingSessions(db, now)).toBe(1);
    expect(await supportSessionRow(db, due.id)).toMatchObject({ status: 'expired', outcome: 'expired' });
    expect(await timelineTypesOf(db, due.id)).toEqual(['expired']);
    // a code never entered is not a support session that ended: no session.ended for alert rules
    expect(await eventsAbout(db, due.id)).toEqual([]);
    expect((await supportSessionRow(db, fresh.id)).status).toBe('waiting');
    expect((await supportSessionRow(db, joined.id)).status).toBe('joined');
    // a second run finds nothing more; the expired code may be drawn again
    expect(await expireWaitingSessions(db, now)).toBe(0);
    await aSupportSession(db, { ...base, codeHash: hashSessionCode('111111111'), codeExpiresAt: now });
  });

  it('expires a run’s sessions in a fixed number of statements, however many are due', async () => {
    const now = new Date();
    await expireWaitingSessions(db, now); // what the tests above left due
    const due = [];
    for (let i = 0; i < 5; i++)
      due.push(
        await aSupportSession(db, {
          ...base,
          codeHash: hashSessionCode(`33333333${i}`),
          codeExpiresAt: new Date(now.getTime() - 1000),
        }),
      );
    let expired = 0;
    const statements = await statementsDuring(async () => {
      expired = await expireWaitingSessions(db, now);
    });
    expect(expired).toBe(5);
    // begin, the update, the timeline entries, the notices, commit
    expect(firstWords(statements)).toEqual(['begin', 'update', 'insert', 'select', 'commit']);
    for (const session of due) {
      expect(await supportSessionRow(db, session.id)).toMatchObject({ status: 'expired', outcome: 'expired' });
      expect(await timelineTypesOf(db, session.id)).toEqual(['expired']);
    }
  });

  it('removes signals older than a minute and wrong codes older than the throttle window', async () => {
    const session = await aSupportSession(db, { ...base, status: 'active' });
    const old = await aSessionSignal(db, session.id, 61);
    const recent = await aSessionSignal(db, session.id, 5);
    await aCodeFailure(db, '203.0.113.9', 11);
    await aCodeFailure(db, '203.0.113.9', 1);
    const removed = await removeStaleSessionRows(db);
    expect(removed).toEqual({ signals: 1, codeFailures: 1 });
    const left = await sessionSignalIdsOf(db, session.id);
    expect(left).toEqual([recent]);
    expect(left).not.toContain(old);
    expect(await codeFailuresOf(db, '203.0.113.9')).toBe(1);
  });
});
