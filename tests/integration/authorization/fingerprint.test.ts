import { describe, expect, it } from 'vitest';
import { anAccount } from '../../support/builders/index.js';
import { createTestApp } from '../../support/test-app.js';
import { fingerprint } from './fingerprint.js';

const { database } = await createTestApp();
const db = database.db;

describe('the tables’ fingerprint', () => {
  it('stays the same while nothing changes, and changes with any row of any business table', async () => {
    const before = await fingerprint(db);
    expect(before.split('\n').length).toBeGreaterThan(50);
    expect(await fingerprint(db)).toBe(before);
    await anAccount(db, { name: 'Fingerprinted', companies: 1 });
    const after = await fingerprint(db);
    expect(after).not.toBe(before);
    const changed = before.split('\n').filter((line, i) => after.split('\n')[i] !== line);
    expect(changed.map((line) => line.split(':')[0])).toEqual(
      expect.arrayContaining(['accounts', 'companies', 'users']),
    );
  });
});
