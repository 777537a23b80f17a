import { describe, expect, it } from 'vitest';
import { oneConnection } from '../../platform/db/one-connection.js';
import { loadPresentedAccount } from './presenter.js';

describe('loadPresentedAccount', () => {
  const id = crypto.randomUUID();
  // the accounts row (id, name, created_at); the settings: none stored
  const answer = (text: string) => (text.includes('from "accounts"') ? [[id, 'Acme', '2026-01-02 03:04:05+00']] : []);

  it('reads the account, then its settings, one after the other (a transaction has one connection)', async () => {
    const { db, overlapping } = oneConnection(answer);
    const account = await loadPresentedAccount(db, id);
    expect(account).toMatchObject({ id, name: 'Acme', companyLabel: null, createdAt: '2026-01-02T03:04:05.000Z' });
    expect(overlapping).toEqual([]);
  });

  it('says which account is missing', async () => {
    const { db } = oneConnection();
    await expect(loadPresentedAccount(db, id)).rejects.toThrow(`account ${id} does not exist`);
  });
});
