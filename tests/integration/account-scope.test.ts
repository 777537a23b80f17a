import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/platform/crypto/passwords.js';
import { insertUser } from '../../src/server/modules/users/index.js';
import { call, createTestApp, sessionCookieOf, type Caller } from '../support/test-app.js';
import {
  accountNameOf,
  anAccount,
  aUser,
  type TestAccount,
  testPassword,
  uniqueEmail,
} from '../support/builders/index.js';
import { freshAddress, invitationTokenFor, sessionOf } from './users-support.js';

/**
 * Company scope on the "who could be given this company" list, and e-mail addresses unique
 * within an account only: one account never learns that another has an address, and a person
 * with users in several accounts chooses which one to sign in to.
 */
const { app, database } = await createTestApp();
const db = database.db;

async function userIn(account: TestAccount, email: string, password: string, status: 'active' | 'disabled' = 'active') {
  return insertUser(
    db,
    {
      accountId: account.id,
      email,
      name: `Person of ${account.id.slice(0, 4)}`,
      passwordHash: await hashPassword(password),
      role: 'technician',
      status,
      language: 'en',
      timeZone: 'UTC',
      allCompanies: false,
    },
    [account.companyIds[0]!],
  );
}

const login = (payload: object) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, remoteAddress: freshAddress() });
const nameOfAccount = (id: string) => accountNameOf(db, id);

describe('who could be given a company: only users the actor may see', () => {
  it('a technician or a viewer sees no candidate outside their own companies; an administrator sees them all', async () => {
    const account = await anAccount(db, { name: 'Scope', companies: 3 });
    const [first, second, third] = account.companyIds as [string, string, string];
    const outsider = await aUser(db, account, { role: 'technician', companies: [third] });
    const neighbour = await aUser(db, account, { role: 'technician', companies: [second] });
    const admin = await sessionOf(database, account.admin);
    const idsFor = async (caller: Caller) => {
      const res = await call(app, caller, {
        method: 'GET',
        url: `/api/v1/companies/${first}/users?scope=candidates&limit=100`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: string }[]).map((u) => u.id);
    };
    expect(await idsFor(admin)).toEqual(expect.arrayContaining([outsider.id, neighbour.id]));
    for (const role of ['technician', 'viewer'] as const) {
      const actor = await aUser(db, account, { role, companies: [first, second] });
      const seen = await idsFor(await sessionOf(database, actor));
      expect(seen, role).toContain(neighbour.id);
      expect(seen, role).not.toContain(outsider.id);
      // the users list agrees
      const list = await call(app, await sessionOf(database, actor), { method: 'GET', url: '/api/v1/users?limit=100' });
      expect((list.json().items as { id: string }[]).map((u) => u.id)).not.toContain(outsider.id);
    }
  });
});

describe('an e-mail address in several accounts', () => {
  it('an administrator invites, imports and renames to an address another account has, and is told nothing about it', async () => {
    const a = await anAccount(db, { name: 'Holder', companies: 1 });
    const b = await anAccount(db, { name: 'Newcomer', companies: 1 });
    const admin = await sessionOf(database, b.admin);
    const taken = uniqueEmail('shared');
    await userIn(a, taken, testPassword);

    const invited = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: taken.toUpperCase(), name: 'Invited', role: 'viewer', companyIds: 'all' },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.body).not.toContain(a.id);
    expect(await invitationTokenFor(database, taken)).toBeTruthy();

    const another = uniqueEmail('csv');
    await userIn(a, another, testPassword);
    const dry = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/users/import',
      payload: { csv: `email,name,role,companies\n${another},Imported,viewer,all\n`, dryRun: true },
    });
    expect(dry.json()).toMatchObject({ valid: true });
    const imported = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/users/import',
      payload: { csv: `email,name,role,companies\n${another},Imported,viewer,all\n`, dryRun: false },
    });
    expect(imported.json(), imported.body).toMatchObject({ created: 1 });

    const renamedTo = uniqueEmail('renamed');
    await userIn(a, renamedTo, testPassword);
    const tech = await aUser(db, b, { role: 'technician' });
    const renamed = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/users/${tech.id}`,
      payload: { email: renamedTo },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    // the contact kept in step is the account's own
    const contacts = await db.execute<{ account_id: string }>(
      sql`select c.account_id from contact_methods m join contacts c on c.id = m.contact_id where m.value = ${renamedTo}`,
    );
    expect(contacts.rows.map((r) => r.account_id).sort()).toEqual([a.id, b.id].sort());

    // within one account the address is still unique
    const again = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: taken, name: 'Twice', role: 'viewer', companyIds: 'all' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('signs in straight to the one account whose user has this password', async () => {
    const a = await anAccount(db, { name: 'Left', companies: 1 });
    const b = await anAccount(db, { name: 'Right', companies: 1 });
    const email = uniqueEmail('two-passwords');
    await userIn(a, email, 'the password of left');
    const right = await userIn(b, email, 'the password of right');
    const res = await login({ email, password: 'the password of right' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.id).toBe(right.id);
  });

  it('with the same password in several accounts, answers their names only, then signs in to the chosen one', async () => {
    const a = await anAccount(db, { name: 'Alpha', companies: 1 });
    const b = await anAccount(db, { name: 'Beta', companies: 1 });
    const c = await anAccount(db, { name: 'Gamma', companies: 1 });
    const email = uniqueEmail('same-password');
    const inA = await userIn(a, email, 'one password for all');
    await userIn(b, email, 'one password for all');
    await userIn(c, email, 'another password entirely');

    // a wrong password names no account
    const wrong = await login({ email, password: 'not the password at all' });
    expect(wrong.statusCode).toBe(401);
    for (const account of [a, b, c]) expect(wrong.body).not.toContain(await nameOfAccount(account.id));

    const choice = await login({ email, password: 'one password for all' });
    expect(choice.statusCode, choice.body).toBe(200);
    expect(choice.cookies.find((k) => k.name === 'tandem_session')).toBeUndefined();
    const accounts = choice.json().accounts as { id: string; name: string }[];
    expect(choice.json().accountChoice).toBe(true);
    expect(accounts.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(accounts.find((x) => x.id === a.id)!.name).toBe(await nameOfAccount(a.id));
    expect(choice.body).not.toContain(c.id);

    const chosen = await login({ email, password: 'one password for all', accountId: a.id });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().user.id).toBe(inA.id);
    const caller = {
      headers: { cookie: `tandem_session=${sessionCookieOf(chosen)}`, 'x-csrf-token': chosen.json().csrfToken },
    };
    expect((await call(app, caller, { method: 'GET', url: '/api/v1/accounts/current' })).json().id).toBe(a.id);

    // an account whose user has another password, or an unknown one, is refused like a wrong password
    for (const accountId of [c.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await login({ email, password: 'one password for all', accountId });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('invalid_credentials');
    }
  });

  it('a disabled user in one account does not stand in the way of the active one', async () => {
    const a = await anAccount(db, { name: 'Old job', companies: 1 });
    const b = await anAccount(db, { name: 'New job', companies: 1 });
    const email = uniqueEmail('moved');
    await userIn(a, email, 'the same password again', 'disabled');
    const active = await userIn(b, email, 'the same password again');
    const res = await login({ email, password: 'the same password again' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.id).toBe(active.id);
  });
});
