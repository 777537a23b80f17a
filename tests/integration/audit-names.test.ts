import { describe, expect, it } from 'vitest';
import { recordAudit, systemContext } from '../../src/server/modules/audit/index.js';
import { aDevice, anAccount, aUser } from '../support/builders/index.js';
import { statementsDuring } from '../support/statements.js';
import { call, createTestApp, signIn } from '../support/test-app.js';

// who is signed in stays cached through the test: creating thirty users can outlast the default 30 s
const { app, database } = await createTestApp({ TANDEM_IDENTITY_CACHE_SECONDS: '300' });
const db = database.db;
const account = await anAccount(db, { name: 'Named', companies: 2 });
const other = await anAccount(db, { name: 'Elsewhere', companies: 1 });
const admin = await signIn(app, account.admin.email);

type Item = { action: string; objectType: string | null; objectId: string | null; objectName: string | null };
const list = async (query = '') => {
  const res = await call(app, admin, { method: 'GET', url: `/api/v1/audit-events${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Item[] }).items;
};

describe('the audit log names its objects', () => {
  it('shows a user’s, a company’s and a device’s current name, and the recorded name of a deleted object', async () => {
    const nina = await aUser(db, account, { name: 'Nina Named' });
    const [companyId, secondCompany] = account.companyIds;
    const device = await aDevice(db, account.id, companyId, { name: 'Front desk PC' });
    const renamed = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${secondCompany}`,
      payload: { name: 'Harbour Dental' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const ctx = systemContext('test');
    await recordAudit(db, ctx, { accountId: account.id, action: 'user.update', objectType: 'user', objectId: nina.id });
    await recordAudit(db, ctx, {
      accountId: account.id,
      action: 'device.update',
      objectType: 'device',
      objectId: device.id,
    });
    await recordAudit(db, ctx, {
      accountId: account.id,
      action: 'contact.delete',
      objectType: 'contact',
      objectId: '6d1c1f9e-0000-4000-8000-000000000001',
      before: { name: 'Gone Contact' },
    });
    // a user of another account with the same id space is never named here
    await recordAudit(db, ctx, {
      accountId: account.id,
      action: 'user.update',
      objectType: 'user',
      objectId: other.admin.id,
    });

    const items = await list();
    const named = (action: string, objectId: string) =>
      items.find((i) => i.action === action && i.objectId === objectId)?.objectName;
    expect(named('user.update', nina.id)).toBe('Nina Named');
    expect(named('company.update', secondCompany)).toBe('Harbour Dental');
    expect(named('device.update', device.id)).toBe('Front desk PC');
    expect(named('contact.delete', '6d1c1f9e-0000-4000-8000-000000000001')).toBe('Gone Contact');
    expect(named('user.update', other.admin.id)).toBeNull();
  });

  it('reads a page of names in the one statement of the page, whatever its length (no query per row)', async () => {
    for (let i = 0; i < 30; i++) {
      const user = await aUser(db, account, { name: `Person ${i}` });
      await recordAudit(db, systemContext('test'), {
        accountId: account.id,
        action: 'user.update',
        objectType: 'user',
        objectId: user.id,
      });
    }
    const auditReads = async (limit: number) =>
      (await statementsDuring(() => list(`?limit=${limit}`))).filter((s) => /^\s*select/i.test(s)).length;
    await list('?limit=1'); // what the first request of a session reads once (who is signing in) is not a page's
    const one = await auditReads(1);
    const thirty = await auditReads(30);
    expect(one).toBe(1);
    expect(thirty).toBe(one);
    const names = (await list('?limit=30&action=user.update')).map((i) => i.objectName);
    expect(names.filter((n) => n?.startsWith('Person '))).toHaveLength(30);
  });
});
