import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { applyGroupAccess } from '../../src/server/modules/group-mapping/index.js';
import { sessions } from '../../src/server/modules/auth/tables.js';
import { users, userCompanies } from '../../src/server/modules/users/tables.js';
import { systemContext } from '../../src/server/modules/audit/index.js';
import { anAccount, auditActionsOf, aUser } from '../support/builders/index.js';
import { anonymous, call, createTestApp, signIn, type Caller } from '../support/test-app.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Grouped', companies: 3 });
const [acme, globex, initech] = account.companyIds as [string, string, string];
const other = await anAccount(db, { name: 'Elsewhere', companies: 1 });
const admin = await signIn(app, account.admin.email);

const send = (caller: Caller, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  call(app, caller, { method, url, payload });

const aRule = async (body: object) => {
  const res = await send(admin, 'POST', '/api/v1/group-rules', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; groupName: string; companies: Array<{ id: string; name: string }> };
};

const apply = (userId: string, groups: string[], accountId = account.id) =>
  db.transaction((tx) => applyGroupAccess(tx, systemContext('test'), { accountId, userId, groups, source: 'oidc' }));

const stateOf = async (userId: string) => {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const companies = (await db.select().from(userCompanies).where(eq(userCompanies.userId, userId)))
    .map((r) => r.companyId)
    .sort();
  return { role: user!.role, status: user!.status, allCompanies: user!.allCompanies, companies };
};

describe('rules from groups to access', () => {
  it('decide nothing while the account has none', async () => {
    const user = await aUser(db, account, { role: 'technician', companies: [globex] });
    expect(await apply(user.id, ['anything'])).toEqual({ mapping: 'off', changed: false });
    expect(await stateOf(user.id)).toMatchObject({ role: 'technician', status: 'active', companies: [globex] });
  });

  it('are added, listed by group with their companies named, changed and deleted by an administrator, each audited', async () => {
    const rule = await aRule({ groupName: 'Helpdesk-Acme', role: 'technician', companyIds: [acme] });
    expect(rule.companies.map((c) => c.id)).toEqual([acme]);
    const list = (await send(admin, 'GET', '/api/v1/group-rules')).json() as { items: Array<{ groupName: string }> };
    expect(list.items.map((r) => r.groupName)).toContain('Helpdesk-Acme');

    // one rule per group, whatever the case
    const twice = await send(admin, 'POST', '/api/v1/group-rules', {
      groupName: 'helpdesk-acme',
      role: 'viewer',
      companyIds: [acme],
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details[0]).toMatchObject({ path: 'groupName', code: 'taken' });

    const changed = await send(admin, 'PATCH', `/api/v1/group-rules/${rule.id}`, { companyIds: [acme, globex] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as { companies: Array<{ id: string }> }).companies.map((c) => c.id).sort()).toEqual(
      [acme, globex].sort(),
    );
    const temp = await aRule({ groupName: 'temporary', role: 'viewer', allCompanies: true });
    expect((await send(admin, 'DELETE', `/api/v1/group-rules/${temp.id}`)).statusCode).toBe(204);
    expect((await send(admin, 'DELETE', `/api/v1/group-rules/${temp.id}`)).statusCode).toBe(404);
    const actions = await auditActionsOf(db, rule.id);
    expect(actions).toEqual(expect.arrayContaining(['group_rule.create', 'group_rule.update']));
  });

  it('refuse bad input with the field named, and change nothing', async () => {
    const before = (await send(admin, 'GET', '/api/v1/group-rules')).json();
    const cases: Array<[object, string]> = [
      [{ groupName: '', role: 'technician', companyIds: [acme] }, 'groupName'],
      [{ groupName: 'x', role: 'owner', companyIds: [acme] }, 'role'],
      [{ groupName: 'no-companies', role: 'technician' }, 'companyIds'],
      [{ groupName: 'foreign', role: 'technician', companyIds: [other.companyIds[0]] }, 'companyIds.0'],
      [{ groupName: 'extra', role: 'viewer', allCompanies: true, colour: 'red' }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await send(admin, 'POST', '/api/v1/group-rules', body);
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(400);
      if (path) expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await send(admin, 'GET', '/api/v1/group-rules')).json()).toEqual(before);
  });

  it('grant the union of the matching rules: the highest role, every company any of them gives', async () => {
    await aRule({ groupName: 'auditors', role: 'viewer', companyIds: [initech] });
    const preview = await send(admin, 'POST', '/api/v1/group-rules/preview', {
      groups: ['HELPDESK-ACME', 'auditors', 'unknown'],
    });
    expect(preview.json()).toEqual({
      mapping: 'granted',
      role: 'technician',
      allCompanies: false,
      companyIds: [acme, globex, initech].sort(),
      groups: ['auditors', 'Helpdesk-Acme'],
    });
    expect((await send(admin, 'POST', '/api/v1/group-rules/preview', { groups: ['nobody'] })).json()).toEqual({
      mapping: 'no_match',
    });

    const user = await aUser(db, account, { role: 'viewer', companies: [] });
    expect(await apply(user.id, ['helpdesk-acme', 'auditors'])).toMatchObject({ mapping: 'granted', changed: true });
    expect(await stateOf(user.id)).toEqual({
      role: 'technician',
      status: 'active',
      allCompanies: false,
      companies: [acme, globex, initech].sort(),
    });
    // the same groups again change nothing and write nothing
    expect(await apply(user.id, ['auditors', 'helpdesk-acme'])).toMatchObject({ changed: false });
    expect((await auditActionsOf(db, user.id)).filter((a) => a === 'user.groups_applied')).toHaveLength(1);
  });

  it('take access away at once when a group is lost, and disable a person no rule matches any more (ending their sessions); a matching group enables them again', async () => {
    const user = await aUser(db, account, { role: 'technician', companies: [acme] });
    await apply(user.id, ['helpdesk-acme', 'auditors']);
    const caller = await signIn(app, user.email);
    expect((await send(caller, 'GET', '/api/v1/me')).statusCode).toBe(200);

    await apply(user.id, ['auditors']);
    expect(await stateOf(user.id)).toMatchObject({ role: 'viewer', companies: [initech] });

    expect(await apply(user.id, ['somewhere-else'])).toMatchObject({ mapping: 'no_match', changed: true });
    expect(await stateOf(user.id)).toMatchObject({ status: 'disabled' });
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect((await send(caller, 'GET', '/api/v1/me')).statusCode).toBe(401);

    await apply(user.id, ['helpdesk-acme']);
    expect(await stateOf(user.id)).toMatchObject({
      role: 'technician',
      status: 'active',
      companies: [acme, globex].sort(),
    });
  });

  it('leave alone a person an administrator disabled by hand', async () => {
    const user = await aUser(db, account, { role: 'technician', status: 'disabled' });
    await apply(user.id, ['helpdesk-acme']);
    expect(await stateOf(user.id)).toMatchObject({ status: 'disabled', role: 'technician' });
  });

  it('never demote or disable the last active administrator', async () => {
    const lone = await anAccount(db, { name: 'Lone admin', companies: 1 });
    const loneAdmin = await signIn(app, lone.admin.email);
    const res = await call(app, loneAdmin, {
      method: 'POST',
      url: '/api/v1/group-rules',
      payload: { groupName: 'staff', role: 'viewer', allCompanies: true },
    });
    expect(res.statusCode).toBe(201);
    expect(await apply(lone.admin.id, ['staff'], lone.id)).toMatchObject({ mapping: 'granted', changed: false });
    expect(await apply(lone.admin.id, ['nothing'], lone.id)).toMatchObject({ mapping: 'no_match', changed: false });
    expect(await stateOf(lone.admin.id)).toMatchObject({ role: 'administrator', status: 'active' });
    expect(await auditActionsOf(db, lone.admin.id)).toContain('user.groups_kept_last_administrator');
  });

  it('are an administrator’s: others are refused, another account’s rule is missing', async () => {
    const tech = await signIn(app, (await aUser(db, account, { role: 'technician' })).email);
    expect((await send(tech, 'GET', '/api/v1/group-rules')).statusCode).toBe(403);
    expect((await send(anonymous, 'GET', '/api/v1/group-rules')).statusCode).toBe(401);
    const theirs = await signIn(app, other.admin.email);
    const rule = (await send(admin, 'GET', '/api/v1/group-rules')).json().items[0] as { id: string };
    expect((await send(theirs, 'PATCH', `/api/v1/group-rules/${rule.id}`, { role: 'viewer' })).statusCode).toBe(404);
    expect((await send(theirs, 'DELETE', `/api/v1/group-rules/${rule.id}`)).statusCode).toBe(404);
  });
});
