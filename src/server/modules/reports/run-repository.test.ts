import { describe, expect, it } from 'vitest';
import { oneConnection } from '../../platform/db/one-connection.js';
import { schedulePartIds } from './run-repository.js';

describe('schedulePartIds', () => {
  it('reads the companies, then the recipients, one after the other (a transaction has one connection)', async () => {
    const { db, overlapping } = oneConnection();
    expect(await schedulePartIds(db, crypto.randomUUID())).toEqual({ companyIds: [], contactIds: [] });
    expect(overlapping).toEqual([]);
  });
});
