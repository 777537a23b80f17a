import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { userCompanies, users } from '../../src/server/modules/users/tables.js';
import { startTestProvider } from '../support/oidc-provider.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { anAccount, auditRowsOf, aUser } from '../support/builders/index.js';
import { addProvider, callbackUrl, callerFrom, ssoSignIn, tandemUrl } from './sso-kit.js';

const { app, database } = await createTestApp({ TANDEM_PUBLIC_URL: tandemUrl });
const db = database.db;
const idp = await startTestProvider([callbackUrl]);
afterAll(() => idp.close());

const account = await anAccount(db, { name: 'Groups', companies: 2 });
const [acme, globex] = account.companyIds;
const admin = await signIn(app, account.admin.email);
const providerId = await addProvider(app, admin, idp, { createUsers: true, linkByEmail: true });

const rule = async (groupName: string, role: string, companyIds: string[]) => {
  const res = await call(app, admin, {
    method: 'POST',
    url: '/api/v1/group-rules',
    payload: { groupName, role, allCompanies: false, companyIds },
  });
  expect(res.statusCode).toBe(201);
};
await rule('helpdesk-acme', 'technician', [acme]);
await rule('viewers-globex', 'viewer', [globex]);

const userByEmail = async (email: string) => {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.accountId, account.id), eq(users.email, email)));
  return row;
};
const failureOf = (res: { headers: Record<string, unknown> }) =>
  new URL(String(res.headers.location), tandemUrl).searchParams.get('sso');
/** Who the callback signed in: their role, and their companies as stored. */
const meOf = async (res: Parameters<typeof callerFrom>[1]) => {
  const user = (await call(app, await callerFrom(app, res), { method: 'GET', url: '/api/v1/me' })).json().user;
  const rows = await db.select().from(userCompanies).where(eq(userCompanies.userId, user.id));
  return { ...user, companyIds: rows.map((r) => r.companyId).sort() } as {
    id: string;
    role: string;
    companyIds: string[];
  };
};

describe('single sign-on and the group rules', () => {
  it('creates a person at their first sign-in with the role and companies their groups grant', async () => {
    idp.setPerson('dana', {
      email: 'dana@groups.example',
      email_verified: true,
      name: 'Dana',
      groups: ['HelpDesk-Acme'],
    });
    const res = await ssoSignIn(app, providerId, 'dana');
    expect(res.headers.location).toBe('/');
    const me = await meOf(res);
    expect(me).toMatchObject({ email: 'dana@groups.example', name: 'Dana', role: 'technician' });
    const dana = await userByEmail('dana@groups.example');
    expect(dana).toMatchObject({ role: 'technician', status: 'active', allCompanies: false, passwordHash: null });
    expect((await auditRowsOf(db, dana!.id, 'user.sso_create'))[0]!.after).toMatchObject({ companyAccess: [acme] });
  });

  it('follows the groups at each sign-in: union of rules, then a group removed takes its access away', async () => {
    idp.setPerson('dana', {
      email: 'dana@groups.example',
      email_verified: true,
      groups: ['helpdesk-acme', 'viewers-globex'],
    });
    const both = await meOf(await ssoSignIn(app, providerId, 'dana'));
    expect(both.role).toBe('technician');
    expect(both.companyIds).toEqual([acme, globex].sort());

    idp.setPerson('dana', { email: 'dana@groups.example', email_verified: true, groups: ['viewers-globex'] });
    const fewer = await meOf(await ssoSignIn(app, providerId, 'dana'));
    expect(fewer).toMatchObject({ role: 'viewer', companyIds: [globex] });

    // no group matches any more: refused, and the rules disable the user (sessions ended)
    const session = await callerFrom(app, await ssoSignIn(app, providerId, 'dana'));
    idp.setPerson('dana', { email: 'dana@groups.example', email_verified: true, groups: ['marketing'] });
    const refused = await ssoSignIn(app, providerId, 'dana');
    expect(failureOf(refused)).toBe('no_access');
    expect(refused.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined();
    expect((await userByEmail('dana@groups.example'))!.status).toBe('disabled');
    expect((await call(app, session, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);

    // the group given back: enabled again at the next sign-in
    idp.setPerson('dana', { email: 'dana@groups.example', email_verified: true, groups: ['helpdesk-acme'] });
    expect((await meOf(await ssoSignIn(app, providerId, 'dana'))).role).toBe('technician');
  });

  it('creates nobody whose groups match no rule', async () => {
    idp.setPerson('eve', { email: 'eve@groups.example', email_verified: true, groups: ['marketing'] });
    expect(failureOf(await ssoSignIn(app, providerId, 'eve'))).toBe('no_access');
    expect(await userByEmail('eve@groups.example')).toBeUndefined();
    idp.setPerson('eve', { email: 'eve@groups.example', email_verified: false, groups: ['helpdesk-acme'] });
    expect(failureOf(await ssoSignIn(app, providerId, 'eve'))).toBe('email_unverified');
    expect(await userByEmail('eve@groups.example')).toBeUndefined();
  });

  it('never removes the last administrator through groups', async () => {
    idp.setPerson('boss', { email: account.admin.email, email_verified: true, groups: ['marketing'] });
    const res = await ssoSignIn(app, providerId, 'boss');
    // groups that grant nothing give no single sign-on, but the last administrator is kept as is
    expect(failureOf(res)).toBe('no_access');
    const boss = await userByEmail(account.admin.email);
    expect(boss).toMatchObject({ role: 'administrator', status: 'active' });
    expect((await signIn(app, account.admin.email)).headers.cookie).toBeTruthy();
    expect(await auditRowsOf(db, boss!.id, 'user.groups_kept_last_administrator')).not.toEqual([]);
  });

  it('links an existing technician by verified e-mail and applies their groups', async () => {
    const fay = await aUser(db, account, { role: 'viewer', companies: [globex], email: 'fay@groups.example' });
    idp.setPerson('fay', { email: 'fay@groups.example', email_verified: true, groups: ['helpdesk-acme'] });
    const me = await meOf(await ssoSignIn(app, providerId, 'fay'));
    expect(me).toMatchObject({ id: fay.id, role: 'technician', companyIds: [acme] });
  });
});
