import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { liveCloseCodes } from '../../src/shared/realtime.js';
import { anAccount, auditRowsOf, aUser, uniqueEmail, userRow } from '../support/builders/index.js';
import { listenForSockets, openLive } from '../support/live-client.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { oktaUser, patchOp, scimClientFor } from './scim-kit.js';

/**
 * A SCIM group's members get the role and companies the account's group rules give that group: every change of
 * members or of the group's name applies the rules to the users it touches, in the same transaction.
 */
const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Grouped', companies: 2 });
const [acme, beta] = account.companyIds as [string, string];
const admin = await signIn(app, account.admin.email);
const okta = await scimClientFor(app, admin, 'Okta');

async function rule(groupName: string, role: string, companyIds: string[] = [], allCompanies = false) {
  const res = await call(app, admin, {
    method: 'POST',
    url: '/api/v1/group-rules',
    payload: { groupName, role, companyIds, allCompanies },
  });
  expect(res.statusCode, res.body).toBe(201);
}
await rule('helpdesk-acme', 'technician', [acme]);
await rule('viewers-beta', 'viewer', [beta]);
await rule('00000000-aaaa-4bbb-8ccc-entra-admins', 'administrator', [], true);

async function accessOf(userId: string) {
  const row = await userRow(db, userId);
  const companies = await db.execute<{ company_id: string }>(
    sql`select company_id from user_companies where user_id = ${userId} order by company_id`,
  );
  return { role: row.role, status: row.status, companyIds: companies.rows.map((r) => r.company_id).sort() };
}

const members = (...ids: string[]) => ids.map((value) => ({ value }));

describe('group membership through the rules', () => {
  it('gives, widens, narrows and takes away access as members are added and removed', async () => {
    const user = (await okta.request('POST', '/Users', oktaUser(uniqueEmail('grouped')))).body;
    expect(await accessOf(user.id)).toEqual({ role: 'viewer', status: 'active', companyIds: [] });

    const helpdesk = await okta.request('POST', '/Groups', { displayName: 'HelpDesk-Acme', members: members(user.id) });
    expect(helpdesk.status, JSON.stringify(helpdesk.body)).toBe(201);
    expect(await accessOf(user.id)).toEqual({ role: 'technician', status: 'active', companyIds: [acme] });

    const viewers = (await okta.request('POST', '/Groups', { displayName: 'viewers-beta', members: [] })).body;
    await okta.request(
      'PATCH',
      `/Groups/${viewers.id}`,
      patchOp({ op: 'add', path: 'members', value: members(user.id) }),
    );
    // the union: the highest role, every company
    expect(await accessOf(user.id)).toEqual({ role: 'technician', status: 'active', companyIds: [acme, beta].sort() });

    await okta.request(
      'PATCH',
      `/Groups/${helpdesk.body.id}`,
      patchOp({ op: 'remove', path: `members[value eq "${user.id}"]` }),
    );
    expect(await accessOf(user.id)).toEqual({ role: 'viewer', status: 'active', companyIds: [beta] });

    // a group renamed out of the rules: no rule matches any more, the user is disabled at once
    await okta.request(
      'PATCH',
      `/Groups/${viewers.id}`,
      patchOp({ op: 'replace', path: 'displayName', value: 'Others' }),
    );
    expect((await accessOf(user.id)).status).toBe('disabled');
    // and named back: the rules that disabled them enable them again
    await okta.request(
      'PATCH',
      `/Groups/${viewers.id}`,
      patchOp({ op: 'replace', value: { displayName: 'viewers-beta' } }),
    );
    expect(await accessOf(user.id)).toEqual({ role: 'viewer', status: 'active', companyIds: [beta] });

    // the group deleted: no group left, no access
    expect((await okta.request('DELETE', `/Groups/${viewers.id}`)).status).toBe(204);
    expect((await accessOf(user.id)).status).toBe('disabled');

    const applied = await auditRowsOf(db, user.id, 'user.groups_applied');
    expect(applied.length).toBeGreaterThanOrEqual(5);
    expect(applied.every((row) => row.actorName === 'SCIM: Okta' && row.accountId === account.id)).toBe(true);
  });

  it("matches a rule naming the group's externalId (Entra ID's object id, as its sign-in claim carries it)", async () => {
    const user = await aUser(db, account, { role: 'viewer', companies: [] });
    const group = await okta.request('POST', '/Groups', {
      displayName: 'Tandem Admins',
      externalId: '00000000-aaaa-4bbb-8ccc-entra-admins',
      members: members(user.id),
    });
    expect(group.status).toBe(201);
    expect(await accessOf(user.id)).toMatchObject({ role: 'administrator', status: 'active' });
    await okta.request('PUT', `/Groups/${group.body.id}`, {
      displayName: 'Tandem Admins',
      externalId: '00000000-aaaa-4bbb-8ccc-entra-admins',
      members: [],
    });
    expect((await accessOf(user.id)).status).toBe('disabled');
  });

  it('closes the live socket of a user whose last mapped group they leave', async () => {
    const user = await aUser(db, account, { role: 'technician', companies: [acme] });
    const group = (await okta.request('POST', '/Groups', { displayName: 'helpdesk-acme-2', members: [] })).body;
    await rule('helpdesk-acme-2', 'technician', [acme]);
    await okta.request(
      'PATCH',
      `/Groups/${group.id}`,
      patchOp({ op: 'add', path: 'members', value: members(user.id) }),
    );
    const session = await signIn(app, user.email);
    const headers = { ...session.headers };
    delete headers['x-csrf-token'];
    const socket = await openLive(`${await listenForSockets(app)}/api/v1/live`, headers);
    await socket.next((m) => m.type === 'hello');
    await okta.request(
      'PATCH',
      `/Groups/${group.id}`,
      patchOp({ op: 'Remove', path: 'members', value: members(user.id) }),
    );
    const closed = await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    expect(closed?.code).toBe(liveCloseCodes.unauthenticated);
  });

  it('never disables the last active administrator through a group', async () => {
    const alone = await anAccount(db, { name: 'Alone grouped', companies: 1 });
    const aloneAdmin = await signIn(app, alone.admin.email);
    const created = await call(app, aloneAdmin, {
      method: 'POST',
      url: '/api/v1/group-rules',
      payload: { groupName: 'admins', role: 'administrator', allCompanies: true, companyIds: [] },
    });
    expect(created.statusCode).toBe(201);
    const client = await scimClientFor(app, aloneAdmin);
    const group = (await client.request('POST', '/Groups', { displayName: 'admins', members: members(alone.admin.id) }))
      .body;
    const res = await client.request(
      'PATCH',
      `/Groups/${group.id}`,
      patchOp({ op: 'remove', path: 'members', value: members(alone.admin.id) }),
    );
    expect(res.status).toBe(200);
    expect(await accessOf(alone.admin.id)).toMatchObject({ role: 'administrator', status: 'active' });
    expect((await auditRowsOf(db, alone.admin.id, 'user.groups_kept_last_administrator')).length).toBe(1);
  });
});
