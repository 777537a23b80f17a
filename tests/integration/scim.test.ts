import { describe, expect, it } from 'vitest';
import { anAccount, auditRowsOf, aUser, uniqueEmail, userRow } from '../support/builders/index.js';
import { liveCloseCodes } from '../../src/shared/realtime.js';
import { listenForSockets, openLive } from '../support/live-client.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { entraUser, listening, oktaUser, patchOp, scimClientFor, scimFetch } from './scim-kit.js';

/**
 * SCIM 2.0 over real HTTP as Okta's and Entra ID's provisioning clients use it (RFC 7643/7644): the requests
 * each sends, in their order and shapes, and what the users become.
 */
const { app, database } = await createTestApp();
const db = database.db;
const base = await listening(app);
const account = await anAccount(db, { name: 'Provisioned', companies: 2 });
const admin = await signIn(app, account.admin.email);
const okta = await scimClientFor(app, admin, 'Okta');
const entra = await scimClientFor(app, admin, 'Entra ID');

describe('the SCIM tokens of the console', () => {
  it('lists the tokens without their secrets, with the base URL to paste', async () => {
    const res = await call(app, admin, { method: 'GET', url: '/api/v1/scim-tokens' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.baseUrl).toMatch(/\/scim\/v2$/);
    expect(body.items.map((t: { name: string }) => t.name).sort()).toEqual(['Entra ID', 'Okta']);
    expect(res.body).not.toContain(okta.token);
    expect((await auditRowsOf(db, okta.tokenId, 'scim_token.create')).length).toBe(1);
  });

  it('refuses a nameless token with a field problem', async () => {
    const res = await call(app, admin, { method: 'POST', url: '/api/v1/scim-tokens', payload: { name: ' ' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('name');
  });
});

describe('discovery', () => {
  it('answers ServiceProviderConfig, Schemas and ResourceTypes in application/scim+json', async () => {
    const config = await okta.request('GET', '/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.contentType).toMatch(/^application\/scim\+json/);
    expect(config.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      bulk: { supported: false },
    });
    const schemas = await okta.request('GET', '/Schemas');
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:core:2.0:Group',
    ]);
    const types = await okta.request('GET', '/ResourceTypes');
    expect(types.body.Resources.map((t: { endpoint: string }) => t.endpoint)).toEqual(['/Users', '/Groups']);
    expect((await okta.request('GET', '/ResourceTypes/User')).body.schema).toBe(
      'urn:ietf:params:scim:schemas:core:2.0:User',
    );
  });
});

describe("Okta's provisioning sequence", () => {
  const email = uniqueEmail('okta');
  let id = '';

  it('looks the user up by userName first: none', async () => {
    const res = await okta.request(
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}&startIndex=1&count=100`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      Resources: [],
    });
  });

  it('creates the user: no password kept, active, audited with the token as the actor', async () => {
    const res = await okta.request('POST', '/Users', oktaUser(email, 'Olive', 'Kta'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.contentType).toMatch(/^application\/scim\+json/);
    id = res.body.id;
    expect(res.body).toMatchObject({
      userName: email,
      active: true,
      name: { givenName: 'Olive', familyName: 'Kta', formatted: 'Olive Kta' },
      emails: [{ value: email, type: 'work', primary: true }],
      groups: [],
      meta: { resourceType: 'User', location: expect.stringMatching(new RegExp(`/scim/v2/Users/${id}$`)) },
    });
    const row = await userRow(db, id);
    expect(row).toMatchObject({ email, name: 'Olive Kta', status: 'active', role: 'viewer', passwordHash: null });
    const [audit] = await auditRowsOf(db, id, 'scim.user.create');
    expect(audit).toMatchObject({
      actorType: 'apiToken',
      actorName: 'SCIM: Okta',
      tokenId: okta.tokenId,
      accountId: account.id,
    });
    expect(JSON.stringify(audit?.after)).not.toContain('never-kept');
  });

  it('finds it by userName (any case) and by id', async () => {
    const found = await okta.request(
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${email.toUpperCase()}"`)}&startIndex=1&count=100`,
    );
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);
    const byId = await okta.request('GET', `/Users/${id}`);
    expect(byId.status).toBe(200);
    expect(byId.body.userName).toBe(email);
  });

  it('replaces the whole user with PUT', async () => {
    const current = (await okta.request('GET', `/Users/${id}`)).body;
    const res = await okta.request('PUT', `/Users/${id}`, {
      ...current,
      name: { givenName: 'Olivia', familyName: 'Kta' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.name).toMatchObject({ givenName: 'Olivia', familyName: 'Kta', formatted: 'Olivia Kta' });
    expect((await userRow(db, id)).name).toBe('Olivia Kta');
    expect((await auditRowsOf(db, id, 'scim.user.replace')).length).toBe(1);
  });

  it('deactivates with PATCH active false, and activates again', async () => {
    const off = await okta.request('PATCH', `/Users/${id}`, patchOp({ op: 'replace', value: { active: false } }));
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await userRow(db, id)).status).toBe('disabled');
    expect((await auditRowsOf(db, id, 'user.disable'))[0]).toMatchObject({ actorName: 'SCIM: Okta' });
    const on = await okta.request('PATCH', `/Users/${id}`, patchOp({ op: 'replace', value: { active: true } }));
    expect(on.body.active).toBe(true);
    expect((await userRow(db, id)).status).toBe('active');
  });

  it('pushes a group, adds and removes its members', async () => {
    const other = (await okta.request('POST', '/Users', oktaUser(uniqueEmail('okta2'), 'Second', 'Person'))).body;
    const group = await okta.request('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Okta Helpdesk',
      members: [],
    });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    const gid = group.body.id;
    const found = await okta.request(
      'GET',
      `/Groups?filter=${encodeURIComponent('displayName eq "okta helpdesk"')}&startIndex=1&count=100`,
    );
    expect(found.body.Resources.map((g: { id: string }) => g.id)).toEqual([gid]);
    const added = await okta.request(
      'PATCH',
      `/Groups/${gid}`,
      patchOp({ op: 'add', path: 'members', value: [{ value: id, display: email }, { value: other.id }] }),
    );
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.members.map((m: { value: string }) => m.value).sort()).toEqual([id, other.id].sort());
    expect((await okta.request('GET', `/Users/${id}`)).body.groups).toEqual([
      expect.objectContaining({ value: gid, display: 'Okta Helpdesk' }),
    ]);
    const removed = await okta.request(
      'PATCH',
      `/Groups/${gid}`,
      patchOp({ op: 'remove', path: `members[value eq "${id}"]` }),
    );
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([other.id]);
    const renamed = await okta.request(
      'PATCH',
      `/Groups/${gid}`,
      patchOp({ op: 'replace', value: { id: gid, displayName: 'Okta Support' } }),
    );
    expect(renamed.body.displayName).toBe('Okta Support');
    expect((await auditRowsOf(db, gid)).map((r) => r.action)).toEqual([
      'scim.group.create',
      'scim.group.update',
      'scim.group.update',
      'scim.group.update',
    ]);
    // the audit log names the group and the token as they are now
    const log = await call(app, admin, { method: 'GET', url: `/api/v1/audit-events?objectId=${gid}` });
    expect(log.json().items[0]).toMatchObject({ objectName: 'Okta Support', actorName: 'SCIM: Okta' });
    const tokenLog = await call(app, admin, { method: 'GET', url: `/api/v1/audit-events?objectId=${okta.tokenId}` });
    expect(tokenLog.json().items[0]).toMatchObject({ action: 'scim_token.create', objectName: 'Okta' });
    expect((await okta.request('DELETE', `/Groups/${gid}`)).status).toBe(204);
    expect((await okta.request('GET', `/Groups/${gid}`)).status).toBe(404);
  });

  it('refuses an existing userName with 409 uniqueness, changing nothing', async () => {
    const res = await okta.request('POST', '/Users', oktaUser(account.admin.email.toUpperCase()));
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
      detail: expect.any(String),
    });
  });

  it('deletes a user; they are gone', async () => {
    const doomed = (await okta.request('POST', '/Users', oktaUser(uniqueEmail('doomed')))).body;
    expect((await okta.request('DELETE', `/Users/${doomed.id}`)).status).toBe(204);
    expect((await okta.request('GET', `/Users/${doomed.id}`)).status).toBe(404);
    expect((await auditRowsOf(db, doomed.id)).map((r) => r.action)).toEqual([
      'scim.user.create',
      'user.delete',
      'scim.user.delete',
    ]);
  });
});

describe("Entra ID's provisioning sequence and quirks", () => {
  const email = uniqueEmail('entra');
  const externalId = `entra-${email}`;
  let id = '';

  it('looks up, creates, finds by externalId', async () => {
    const none = await entra.request('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
    expect(none.body.totalResults).toBe(0);
    const created = await entra.request('POST', '/Users', entraUser(email, externalId));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({ externalId, userName: email, name: { formatted: 'Entra Person' } });
    const found = await entra.request('GET', `/Users?filter=${encodeURIComponent(`externalId eq "${externalId}"`)}`);
    expect(found.body.Resources.map((u: { id: string }) => u.id)).toEqual([id]);
    const both = await entra.request(
      'GET',
      `/Users?filter=${encodeURIComponent(`externalId eq "${externalId}" and emails[type eq "work"].value eq "${email}"`)}`,
    );
    expect(both.body.totalResults).toBe(1);
    const neither = await entra.request(
      'GET',
      `/Users?filter=${encodeURIComponent(`externalId eq "${externalId}" and userName eq "x@y.z"`)}`,
    );
    expect(neither.body.totalResults).toBe(0);
  });

  it('takes "Replace" and "active": "False" as Entra ID sends them', async () => {
    const res = await entra.request(
      'PATCH',
      `/Users/${id}`,
      patchOp({ op: 'Replace', path: 'active', value: 'False' }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await userRow(db, id)).status).toBe('disabled');
  });

  it('takes a path-less replace, dotted names included', async () => {
    const res = await entra.request(
      'PATCH',
      `/Users/${id}`,
      patchOp({ op: 'replace', value: { active: 'True', 'name.givenName': 'Enid', 'name.familyName': 'Tra' } }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      active: true,
      name: { givenName: 'Enid', familyName: 'Tra', formatted: 'Enid Tra' },
    });
    expect(await userRow(db, id)).toMatchObject({ status: 'active', name: 'Enid Tra' });
  });

  it('changes the work e-mail through emails[type eq "work"].value: it is the sign-in name', async () => {
    const next = uniqueEmail('entra-new');
    const res = await entra.request(
      'PATCH',
      `/Users/${id}`,
      patchOp(
        { op: 'Add', path: 'emails[type eq "work"].value', value: next },
        { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Ops' },
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ userName: next, emails: [{ value: next, type: 'work', primary: true }] });
    expect((await userRow(db, id)).email).toBe(next);
  });

  it('adds and removes group members as Entra ID sends them', async () => {
    const group = await entra.request('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      externalId: 'entra-group-1',
      displayName: 'Entra Technicians',
      members: [],
    });
    expect(group.status).toBe(201);
    const gid = group.body.id;
    const excluded = await entra.request(
      'GET',
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Entra Technicians"')}`,
    );
    expect(excluded.body.Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]);
    const added = await entra.request(
      'PATCH',
      `/Groups/${gid}`,
      patchOp({ op: 'Add', path: 'members', value: [{ value: id }] }),
    );
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.members.map((m: { value: string }) => m.value)).toEqual([id]);
    const removed = await entra.request(
      'PATCH',
      `/Groups/${gid}`,
      patchOp({ op: 'Remove', path: 'members', value: [{ value: id }] }),
    );
    expect(removed.body.members).toEqual([]);
  });

  it('refuses to write the read-only groups of a user', async () => {
    const res = await entra.request(
      'PATCH',
      `/Users/${id}`,
      patchOp({ op: 'add', path: 'groups', value: [{ value: id }] }),
    );
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe('mutability');
  });
});

describe('deactivation', () => {
  it("closes the user's live socket at once and ends their sessions", async () => {
    const person = await aUser(db, account, { role: 'technician' });
    const session = await signIn(app, person.email);
    const headers = { ...session.headers };
    delete headers['x-csrf-token'];
    const socket = await openLive(`${await listenForSockets(app)}/api/v1/live`, headers);
    await socket.next((m) => m.type === 'hello');
    const started = Date.now();
    const res = await okta.request(
      'PATCH',
      `/Users/${person.id}`,
      patchOp({ op: 'replace', path: 'active', value: false }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const closed = await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    expect(closed?.code).toBe(liveCloseCodes.unauthenticated);
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await call(app, session, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });
});

describe('pagination', () => {
  it('pages 250 users in a stable order with startIndex and count, totalResults throughout', async () => {
    const paged = await anAccount(db, { name: 'Paged', companies: 1 });
    const pagedAdmin = await signIn(app, paged.admin.email);
    const client = await scimClientFor(app, pagedAdmin);
    for (let i = 0; i < 249; i++) await aUser(db, paged, { role: 'technician', name: `Paged ${i}` });
    const seen: string[] = [];
    for (const startIndex of [1, 101, 201]) {
      const page = await client.request('GET', `/Users?startIndex=${startIndex}&count=100`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ totalResults: 250, startIndex, itemsPerPage: startIndex === 201 ? 50 : 100 });
      seen.push(...page.body.Resources.map((u: { id: string }) => u.id));
    }
    expect(new Set(seen).size).toBe(250);
    const again = await client.request('GET', '/Users?startIndex=101&count=100');
    expect(again.body.Resources.map((u: { id: string }) => u.id)).toEqual(seen.slice(100, 200));
    const beyond = await client.request('GET', '/Users?startIndex=400&count=100');
    expect(beyond.body).toMatchObject({ totalResults: 250, itemsPerPage: 0, Resources: [] });
    const counted = await client.request('GET', '/Users?count=0');
    expect(counted.body).toMatchObject({ totalResults: 250, Resources: [] });
  });
});

describe('refusals', () => {
  it('answers a filter it does not support with 400 invalidFilter', async () => {
    for (const filter of [
      'userName co "a"',
      'title eq "x"',
      'userName eq "a" or userName eq "b"',
      'userName eq',
      '((',
    ]) {
      const res = await okta.request('GET', `/Users?filter=${encodeURIComponent(filter)}`);
      expect(res.status, filter).toBe(400);
      expect(res.body, filter).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    }
    expect((await okta.request('GET', `/Groups?filter=${encodeURIComponent('members eq "x"')}`)).body.scimType).toBe(
      'invalidFilter',
    );
  });

  it('refuses bad bodies with a SCIM 400 and changes nothing', async () => {
    const before = (await okta.request('GET', '/Users?count=0')).body.totalResults;
    const bad = [
      oktaUser('not-an-address'),
      { ...oktaUser(uniqueEmail('nul')), name: { givenName: 'A\u0000B' } },
      { ...oktaUser(uniqueEmail('active')), active: 'maybe' },
      [1, 2, 3],
    ];
    for (const body of bad) {
      const res = await okta.request('POST', '/Users', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    }
    expect((await okta.request('POST', '/Users', '{not json')).status).toBe(400);
    for (const path of [
      '/Users?filter=userName%20eq%20%22a%00%22',
      '/Users/a%00b',
      '/Groups?filter=displayName%20eq%20%22%ED%A0%80%22',
    ]) {
      const res = await okta.request('GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body.schemas, path).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    }
    const text = await okta.request('POST', '/Users', 'userName=x', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const wrongOp = await okta.request(
      'PATCH',
      `/Users/${account.admin.id}`,
      patchOp({ op: 'move', path: 'active', value: false }),
    );
    expect(wrongOp.body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    expect((await okta.request('GET', '/Users?count=0')).body.totalResults).toBe(before);
  });

  it('accepts only a SCIM token: a wrong, revoked or user credential is a 401', async () => {
    const tokenless = await scimFetch(base, 'GET', '/Users', {});
    expect(tokenless).toMatchObject({ status: 401, body: { status: '401' } });
    expect((await scimFetch(base, 'GET', '/Users', { authorization: 'Bearer tdm_scim_wrong' })).status).toBe(401);
    expect((await scimFetch(base, 'GET', '/Users', { cookie: admin.headers.cookie! })).status).toBe(401);
    const apiToken = await call(app, admin, { method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'api' } });
    expect((await scimFetch(base, 'GET', '/Users', { authorization: `Bearer ${apiToken.json().token}` })).status).toBe(
      401,
    );
    // and a SCIM token is not a credential of the API
    const onApi = await fetch(`${base}/api/v1/users`, { headers: { authorization: `Bearer ${okta.token}` } });
    expect(onApi.status).toBe(401);
    const revoked = await scimClientFor(app, admin, 'Revoked');
    expect((await revoked.request('GET', '/Users?count=1')).status).toBe(200);
    expect(
      (await call(app, admin, { method: 'DELETE', url: `/api/v1/scim-tokens/${revoked.tokenId}` })).statusCode,
    ).toBe(204);
    expect((await revoked.request('GET', '/Users?count=1')).status).toBe(401);
    expect((await auditRowsOf(db, revoked.tokenId, 'scim_token.revoke')).length).toBe(1);
  });

  it("answers another account's users and groups 404, and never lists them", async () => {
    const other = await anAccount(db, { name: 'Elsewhere', companies: 1 });
    const otherClient = await scimClientFor(app, await signIn(app, other.admin.email), 'Other');
    const theirGroup = (await otherClient.request('POST', '/Groups', { displayName: 'Theirs', members: [] })).body;
    for (const [method, path] of [
      ['GET', `/Users/${other.admin.id}`],
      ['PUT', `/Users/${other.admin.id}`],
      ['PATCH', `/Users/${other.admin.id}`],
      ['DELETE', `/Users/${other.admin.id}`],
      ['GET', `/Groups/${theirGroup.id}`],
      ['PATCH', `/Groups/${theirGroup.id}`],
      ['DELETE', `/Groups/${theirGroup.id}`],
      ['GET', '/Users/not-a-uuid'],
    ] as const) {
      const body =
        method === 'PUT'
          ? oktaUser(uniqueEmail('x'))
          : method === 'PATCH'
            ? patchOp({ op: 'replace', value: { active: false } })
            : undefined;
      const res = await okta.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.status).toBe('404');
    }
    const listed = await okta.request(
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${other.admin.email}"`)}`,
    );
    expect(listed.body.totalResults).toBe(0);
    const member = await okta.request('POST', '/Groups', {
      displayName: 'Stolen',
      members: [{ value: other.admin.id }],
    });
    expect(member.status).toBe(400);
    expect((await userRow(db, other.admin.id)).status).toBe('active');
  });

  it('never disables or deletes the last active administrator', async () => {
    const alone = await anAccount(db, { name: 'Alone', companies: 1 });
    const client = await scimClientFor(app, await signIn(app, alone.admin.email));
    const off = await client.request(
      'PATCH',
      `/Users/${alone.admin.id}`,
      patchOp({ op: 'replace', path: 'active', value: false }),
    );
    expect(off.status).toBe(409);
    expect(off.body.detail).toMatch(/last active administrator/);
    expect((await client.request('DELETE', `/Users/${alone.admin.id}`)).status).toBe(409);
    expect((await userRow(db, alone.admin.id)).status).toBe('active');
  });
});
