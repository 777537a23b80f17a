import { describe, expect, it } from 'vitest';
import { oneConnection } from '../../platform/db/one-connection.js';
import { loadStoredSettings } from './repository.js';

describe('loadStoredSettings', () => {
  it('reads the account values and the company overrides one after the other (a transaction has one connection)', async () => {
    const { db, overlapping } = oneConnection();
    const stored = await loadStoredSettings(db, crypto.randomUUID(), [crypto.randomUUID()]);
    expect(stored.account.size).toBe(0);
    expect(overlapping).toEqual([]);
  });
});
