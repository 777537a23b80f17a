import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ManagedUser } from '../../src/shared/contracts/users.js';
import { call, createTestApp, bearerFor, type Caller } from '../support/test-app.js';
import {
  anAccount,
  aSeat,
  auditRowsOf,
  aUser,
  changeUser,
  countOf,
  first as firstOf,
  invitationsOf,
  sessionsOf,
  tokensOf,
  userRowOrNone,
  usersStoredWithEmail,
  type TestAccount,
  type TestUser,
  outboxRowsTo,
  uniqueEmail,
} from '../support/builders/index.js';
import { invite, sessionOf } from './users-support.js';

const { app, database } = await createTestApp();
const db = database.db;
const signIn = (user: { id: string; accountId: string }) => sessionOf(database, user);

const giveSeat = (user: TestUser, module: 'remoteSupport' | 'serviceDesk', by: TestAccount) =>
  aSeat(db, user, module, by.admin.id);
const setName = (user: TestUser, name: string) => changeUser(db, user, { name });

async function statusOf(id: string): Promise<string | undefined> {
  return (await userRowOrNone(db, id))?.status;
}

async function roleOf(id: string): Promise<string | undefined> {
  return (await userRowOrNone(db, id))?.role;
}

const activeAdministrators = (accountId: string) =>
  countOf(
    db,
    sql`select count(*)::int as n from users where account_id = ${accountId} and role = 'administrator' and status = 'active'`,
  );

const listOf = async (caller: Caller, query = ''): Promise<ManagedUser[]> => {
  const res = await call(app, caller, { method: 'GET', url: `/api/v1/users${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};

/** Reads every page of a list, `limit` at a time. */
async function allPages(caller: Caller, query: string, limit: number): Promise<ManagedUser[]> {
  const items: ManagedUser[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const res = await call(app, caller, {
      method: 'GET',
      url: `/api/v1/users?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    items.push(...res.json().items);
    cursor = res.json().nextCursor;
    if (!cursor) return items;
  }
  throw new Error('too many pages');
}

interface Cast {
  account: TestAccount;
  admin: Caller;
  tech: TestUser;
  techSession: Caller;
  viewer: TestUser;
  inFirst: TestUser;
  inSecond: TestUser;
  inBoth: TestUser;
  allCompanies: TestUser;
}

/** An account with two companies and people in each. */
async function cast(): Promise<Cast> {
  const account = await anAccount(db, { name: 'Cast', companies: 2 });
  const [first, second] = account.companyIds;
  const tech = await aUser(db, account, { role: 'technician', companies: [first] });
  const viewer = await aUser(db, account, { role: 'viewer', companies: [first] });
  const inFirst = await aUser(db, account, { role: 'technician', companies: [first] });
  const inSecond = await aUser(db, account, { role: 'technician', companies: [second] });
  const inBoth = await aUser(db, account, { role: 'viewer', companies: [first, second] });
  const allCompanies = await aUser(db, account, { role: 'technician', companies: [], allCompanies: true });
  return {
    account,
    admin: await signIn(account.admin),
    tech,
    techSession: await signIn(tech),
    viewer,
    inFirst,
    inSecond,
    inBoth,
    allCompanies,
  };
}

describe('users list', () => {
  it('shows an administrator every user of the account and nobody of another account', async () => {
    const c = await cast();
    const other = await anAccount(db, { name: 'Other', companies: 1 });
    const ids = (await listOf(c.admin)).map((u) => u.id).sort();
    expect(ids).toEqual(
      [c.account.admin.id, c.tech.id, c.viewer.id, c.inFirst.id, c.inSecond.id, c.inBoth.id, c.allCompanies.id].sort(),
    );
    expect(ids).not.toContain(other.admin.id);
  });

  it('shows a technician themself, administrators and the users sharing one of their companies, read-only', async () => {
    const c = await cast();
    const items = await listOf(c.techSession);
    expect(items.map((u) => u.id).sort()).toEqual(
      [c.account.admin.id, c.tech.id, c.viewer.id, c.inFirst.id, c.inBoth.id, c.allCompanies.id].sort(),
    );
    for (const user of items)
      expect(
        Object.values(user.abilities).every((a) => a === false),
        user.email,
      ).toBe(true);
    // a user with two companies shows only the one the technician shares
    expect(items.find((u) => u.id === c.inBoth.id)!.companyAccess).toEqual([c.account.companyIds[0]]);
  });

  it('shows viewers the users of their companies read-only, and refuses anonymous callers', async () => {
    const c = await cast();
    const viewer = await signIn(c.viewer);
    const list = await call(app, viewer, { method: 'GET', url: '/api/v1/users?limit=200' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.some((u: { email: string }) => u.email === c.inSecond.email)).toBe(false);
    expect(
      list
        .json()
        .items.every((u: { abilities: Record<string, boolean> }) =>
          Object.values(u.abilities).every((a) => a === false),
        ),
    ).toBe(true);
    expect((await call(app, viewer, { method: 'GET', url: `/api/v1/users/${c.viewer.id}` })).statusCode).toBe(200);
    expect(
      (await call(app, viewer, { method: 'PATCH', url: `/api/v1/users/${c.viewer.id}`, payload: { name: 'X' } }))
        .statusCode,
    ).toBe(403);
    expect((await call(app, { headers: {} }, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
  });

  it('searches names and e-mails without regard to case, and treats % and _ literally', async () => {
    const c = await cast();
    await setName(c.inFirst, 'Zoë Quartermaine');
    await setName(c.inSecond, 'Bob 100% Sure');
    expect((await listOf(c.admin, '?q=QUARTER')).map((u) => u.id)).toEqual([c.inFirst.id]);
    expect(
      (await listOf(c.admin, `?q=${encodeURIComponent(c.inSecond.email.split('@')[0]!.toUpperCase())}`)).map(
        (u) => u.id,
      ),
    ).toEqual([c.inSecond.id]);
    expect((await listOf(c.admin, '?q=100%25')).map((u) => u.id)).toEqual([c.inSecond.id]);
    expect(await listOf(c.admin, '?q=_')).toEqual([]);
  });

  it('filters by role, status, company, module and seat', async () => {
    const c = await cast();
    const [first, second] = c.account.companyIds;
    await giveSeat(c.inFirst, 'remoteSupport', c.account);
    await giveSeat(c.inSecond, 'serviceDesk', c.account);
    await changeUser(db, c.inSecond, { status: 'disabled' });
    const ids = async (q: string) => (await listOf(c.admin, q)).map((u) => u.id).sort();

    expect(await ids('?role=viewer')).toEqual([c.viewer.id, c.inBoth.id].sort());
    expect(await ids('?status=disabled')).toEqual([c.inSecond.id]);
    // users who can reach the second company: its own, both-companies, all-companies users and administrators
    expect(await ids(`?companyId=${second}`)).toEqual(
      [c.account.admin.id, c.inSecond.id, c.inBoth.id, c.allCompanies.id].sort(),
    );
    expect(await ids('?module=remoteSupport')).toEqual([c.inFirst.id]);
    expect(await ids('?module=serviceDesk&hasSeat=true')).toEqual([c.inSecond.id]);
    expect(await ids('?module=remoteSupport&hasSeat=false')).not.toContain(c.inFirst.id);
    expect(await ids('?hasSeat=true')).toEqual([c.inFirst.id, c.inSecond.id].sort());
    expect((await ids('?hasSeat=false')).length).toBe(5);
    expect(await ids(`?role=technician&companyId=${first}&hasSeat=true`)).toEqual([c.inFirst.id]);

    const listed = firstOf(await listOf(c.admin, '?module=remoteSupport'));
    expect(listed.seats).toEqual(['remoteSupport']);
  });

  it('answers 404 for a company filter outside the account or the technician’s companies', async () => {
    const c = await cast();
    const other = await anAccount(db, { name: 'Other', companies: 1 });
    expect(
      (await call(app, c.admin, { method: 'GET', url: `/api/v1/users?companyId=${other.companyIds[0]}` })).statusCode,
    ).toBe(404);
    expect(
      (await call(app, c.techSession, { method: 'GET', url: `/api/v1/users?companyId=${c.account.companyIds[1]}` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(app, c.techSession, { method: 'GET', url: `/api/v1/users?companyId=${c.account.companyIds[0]}` }))
        .statusCode,
    ).toBe(200);
  });

  it('sorts by name, e-mail or creation and pages through every user exactly once', async () => {
    const c = await cast();
    await setName(c.inFirst, 'alice');
    await setName(c.inSecond, 'Bruno');
    await setName(c.inBoth, 'bruno');
    for (const sort of ['name', 'email', 'createdAt'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const whole = await listOf(c.admin, `?sort=${sort}&order=${order}&limit=200`);
        const paged = await allPages(c.admin, `sort=${sort}&order=${order}`, 2);
        expect(
          paged.map((u) => u.id),
          `${sort} ${order}`,
        ).toEqual(whole.map((u) => u.id));
        expect(new Set(paged.map((u) => u.id)).size).toBe(7);
        const keys = whole.map((u) =>
          sort === 'name' ? u.name.toLowerCase() : sort === 'email' ? u.email : u.createdAt,
        );
        const sorted = [...keys].sort();
        expect(keys, `${sort} ${order}`).toEqual(order === 'asc' ? sorted : sorted.reverse());
      }
    }
  });

  it('refuses a cursor that is malformed or of another sort order, with 400', async () => {
    const c = await cast();
    const first = await call(app, c.admin, { method: 'GET', url: '/api/v1/users?limit=1&sort=createdAt' });
    const cursor = first.json().nextCursor;
    expect(
      (await call(app, c.admin, { method: 'GET', url: `/api/v1/users?limit=1&sort=name&cursor=${cursor}` })).statusCode,
    ).toBe(400);
    expect((await call(app, c.admin, { method: 'GET', url: '/api/v1/users?cursor=not-a-cursor' })).statusCode).toBe(
      400,
    );
    const forged = Buffer.from(JSON.stringify(['createdAt', 'asc', 'yesterday', 'x'])).toString('base64url');
    const res = await call(app, c.admin, { method: 'GET', url: `/api/v1/users?sort=createdAt&cursor=${forged}` });
    expect(res.statusCode).toBeLessThan(500);
  });

  it('reads a page with a fixed number of queries, whatever the number of users (no N+1)', async () => {
    const account = await anAccount(db, { name: 'Many', companies: 2 });
    const admin = await signIn(account.admin);
    const queries = async () => {
      const pool = database.pool as unknown as { query: (...args: unknown[]) => unknown };
      const original = pool.query;
      let count = 0;
      pool.query = function (this: unknown, ...args: unknown[]) {
        count++;
        return original.apply(this, args);
      };
      try {
        await listOf(admin, '?limit=200');
      } finally {
        pool.query = original;
      }
      return count;
    };
    for (let i = 0; i < 2; i++)
      await aUser(db, account, { role: 'technician', companies: account.companyIds, seats: ['remoteSupport'] });
    const few = await queries();
    for (let i = 0; i < 25; i++)
      await aUser(db, account, { role: 'technician', companies: account.companyIds, seats: ['serviceDesk'] });
    const many = await queries();
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(12);
  });
});

describe('one user', () => {
  it('answers 404 alike for a user of a company the technician lacks, of another account, or missing', async () => {
    const c = await cast();
    const other = await anAccount(db, { name: 'Other', companies: 1 });
    const get = (caller: Caller, id: string) => call(app, caller, { method: 'GET', url: `/api/v1/users/${id}` });
    expect((await get(c.techSession, c.inFirst.id)).statusCode).toBe(200);
    const hidden = await get(c.techSession, c.inSecond.id);
    const foreign = await get(c.techSession, other.admin.id);
    const missing = await get(c.techSession, '00000000-0000-4000-8000-000000000000');
    expect([hidden.statusCode, foreign.statusCode, missing.statusCode]).toEqual([404, 404, 404]);
    expect(hidden.json()).toEqual(missing.json());
    expect(foreign.json()).toEqual(missing.json());
    expect((await get(c.admin, c.inSecond.id)).statusCode).toBe(200);
    expect((await get(c.admin, other.admin.id)).statusCode).toBe(404);
  });

  it('carries the abilities the administrator has on it', async () => {
    const c = await cast();
    const self = (
      await call(app, c.admin, { method: 'GET', url: `/api/v1/users/${c.account.admin.id}` })
    ).json() as ManagedUser;
    expect(self.lastActiveAdministrator).toBe(true);
    expect(self.abilities).toMatchObject({
      update: true,
      changeRole: false,
      changeAccess: false,
      disable: false,
      delete: false,
    });
    const tech = (await call(app, c.admin, { method: 'GET', url: `/api/v1/users/${c.tech.id}` })).json() as ManagedUser;
    expect(tech.abilities).toMatchObject({
      update: true,
      changeRole: true,
      changeAccess: true,
      disable: true,
      enable: false,
      delete: true,
      manageSeats: true,
      resendInvitation: false,
    });
    const viewer = (
      await call(app, c.admin, { method: 'GET', url: `/api/v1/users/${c.viewer.id}` })
    ).json() as ManagedUser;
    expect(viewer.abilities.manageSeats).toBe(false);
  });
});

describe('inviting', () => {
  it('creates an invited user with their company access and e-mails the invitation', async () => {
    const c = await cast();
    const email = uniqueEmail('Invitee').toUpperCase();
    const res = await call(app, c.admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email, name: 'Ines Vitee', role: 'technician', companyIds: [c.account.companyIds[1]] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json() as ManagedUser;
    expect(user).toMatchObject({
      email: email.toLowerCase(),
      name: 'Ines Vitee',
      role: 'technician',
      status: 'invited',
      companyAccess: [c.account.companyIds[1]],
    });
    expect(user.abilities).toMatchObject({ resendInvitation: true, revokeInvitation: true });
    const hours = (Date.parse(user.invitation!.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    // the address is stored as typed, lower-cased
    const mail = firstOf(await outboxRowsTo(database.db, email.toLowerCase()));
    expect(mail.kind).toBe('invitation');
    expect(mail.subject).toContain('invited you');
    expect(mail.bodyText).toMatch(/\/invitation\/[A-Za-z0-9_-]{40,}/);
    const stored = firstOf(await invitationsOf(db, user.id));
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(mail.bodyText).not.toContain(stored.tokenHash);
    expect(await auditRowsOf(db, user.id, 'user.invite')).toHaveLength(1);
  });

  it('gives administrators every company, whatever was asked', async () => {
    const c = await cast();
    const res = await call(app, c.admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: uniqueEmail('person'),
        name: 'New Admin',
        role: 'administrator',
        companyIds: [c.account.companyIds[0]],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().companyAccess).toBe('all');
  });

  it('writes the invitation in the invitee’s language, escaping what people typed', async () => {
    const c = await cast();
    const email = uniqueEmail('french');
    await invite(app, database, c.admin, { email, name: '<b>Élodie</b>', companyIds: 'all', language: 'fr' });
    const mail = firstOf(await outboxRowsTo(database.db, email));
    expect(mail.subject).toMatch(/vous invite à rejoindre/);
    expect(mail.bodyText).toContain('Bonjour <b>Élodie</b>');
    expect(mail.bodyText).toContain('avec le rôle Technicien');
    expect(mail.bodyHtml).toContain('&lt;b&gt;Élodie&lt;/b&gt;');
    expect(mail.bodyHtml).not.toContain('<b>Élodie');
  });

  it('keeps e-mails unique within the account: 409 with a field error, in any case', async () => {
    const c = await cast();
    const res = await call(app, c.admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: c.tech.email.toUpperCase(), name: 'Dup', role: 'viewer', companyIds: 'all' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toEqual([
      { path: 'email', code: 'taken', message: 'A user with this e-mail address already exists.' },
    ]);
  });

  it('lets only one of two simultaneous invitations of the same e-mail through', async () => {
    const c = await cast();
    const email = uniqueEmail('race');
    const send = () =>
      call(app, c.admin, {
        method: 'POST',
        url: '/api/v1/users',
        payload: { email, name: 'Race', role: 'viewer', companyIds: 'all' },
      });
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.details[0].path).toBe('email');
    expect((await outboxRowsTo(database.db, email)).length).toBe(1);
  });

  it('refuses companies of another account or none at all, changing nothing', async () => {
    const c = await cast();
    const other = await anAccount(db, { name: 'Other', companies: 1 });
    const email = uniqueEmail('person');
    const bad = await call(app, c.admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email, name: 'X', role: 'technician', companyIds: [c.account.companyIds[0], other.companyIds[0]] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      { path: 'companyIds.1', code: 'not_found', message: 'This company does not exist.' },
    ]);
    const none = await call(app, c.admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email, name: 'X', role: 'technician', companyIds: [] },
    });
    expect(none.statusCode).toBe(400);
    const zone = await call(app, c.admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email, name: 'X', role: 'technician', companyIds: 'all', timeZone: 'Mars/Olympus' },
    });
    expect(zone.statusCode).toBe(400);
    expect(await usersStoredWithEmail(db, email)).toHaveLength(0);
    expect(await outboxRowsTo(database.db, email)).toEqual([]);
  });

  it('invites several people at once, all or none', async () => {
    const c = await cast();
    const emails = [uniqueEmail('a'), uniqueEmail('b')] as const;
    const ok = await call(app, c.admin, {
      method: 'POST',
      url: '/api/v1/users/batch',
      payload: {
        people: [{ email: emails[0] }, { email: emails[1], name: 'Bea' }],
        role: 'technician',
        companyIds: [c.account.companyIds[0]],
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().items.map((u: ManagedUser) => [u.email, u.name, u.status])).toEqual([
      [emails[0], emails[0].split('@')[0], 'invited'],
      [emails[1], 'Bea', 'invited'],
    ]);
    for (const email of emails) expect((await outboxRowsTo(database.db, email)).length).toBe(1);

    const fresh = uniqueEmail('c');
    const taken = await call(app, c.admin, {
      method: 'POST',
      url: '/api/v1/users/batch',
      payload: { people: [{ email: fresh }, { email: c.tech.email }], role: 'viewer', companyIds: 'all' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details).toEqual([
      { path: 'people.1.email', code: 'taken', message: 'A user with this e-mail address already exists.' },
    ]);
    const twice = await call(app, c.admin, {
      method: 'POST',
      url: '/api/v1/users/batch',
      payload: { people: [{ email: fresh }, { email: fresh.toUpperCase() }], role: 'viewer', companyIds: 'all' },
    });
    expect(twice.statusCode).toBe(400);
    expect(await usersStoredWithEmail(db, fresh)).toHaveLength(0);
  });

  it('refuses technicians and viewers with 403, changing nothing', async () => {
    const c = await cast();
    const email = uniqueEmail('person');
    for (const caller of [c.techSession, await signIn(c.viewer)]) {
      const res = await call(app, caller, {
        method: 'POST',
        url: '/api/v1/users',
        payload: { email, name: 'X', role: 'viewer', companyIds: 'all' },
      });
      expect(res.statusCode).toBe(403);
    }
    expect(await usersStoredWithEmail(db, email)).toHaveLength(0);
  });
});

describe('editing', () => {
  it('changes details, and an administrator changes a user’s e-mail within the uniqueness rule', async () => {
    const c = await cast();
    const email = uniqueEmail('renamed');
    const res = await call(app, c.admin, {
      method: 'PATCH',
      url: `/api/v1/users/${c.tech.id}`,
      payload: { name: 'Renamed', language: 'fr', timeZone: 'Europe/Paris', email },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Renamed', language: 'fr', timeZone: 'Europe/Paris', email });
    const dup = await call(app, c.admin, {
      method: 'PATCH',
      url: `/api/v1/users/${c.tech.id}`,
      payload: { email: c.viewer.email },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].path).toBe('email');
    const zone = await call(app, c.admin, {
      method: 'PATCH',
      url: `/api/v1/users/${c.tech.id}`,
      payload: { timeZone: 'Nowhere/Land' },
    });
    expect(zone.statusCode).toBe(400);
    // details alone send no e-mail
    expect((await outboxRowsTo(database.db, email)).length).toBe(0);
  });

  it('e-mails a role change to the user, in their language, and applies it on their next request', async () => {
    const c = await cast();
    await changeUser(db, c.tech, { language: 'fr' });
    expect((await call(app, c.techSession, { method: 'GET', url: '/api/v1/audit-events' })).statusCode).toBe(200);
    const res = await call(app, c.admin, {
      method: 'PATCH',
      url: `/api/v1/users/${c.tech.id}`,
      payload: { role: 'viewer' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().role).toBe('viewer');
    // the same session, with no new sign-in: its rights are read afresh
    expect((await call(app, c.techSession, { method: 'GET', url: '/api/v1/audit-events' })).statusCode).toBe(403);
    const me = await call(app, c.techSession, { method: 'GET', url: '/api/v1/me' });
    expect(me.json().user.role).toBe('viewer');
    expect(me.json().abilities['audit.readOwn']).toBe(false);
    const mail = firstOf(await outboxRowsTo(database.db, c.tech.email));
    expect(mail.kind).toBe('role_changed');
    expect(mail.subject).toMatch(/Votre rôle dans .* a changé/);
    expect(mail.bodyText).toContain('« Observateur »');
    expect(mail.bodyText).toContain('Cast ');
  });

  it('e-mails a company-access change and applies it on the next request', async () => {
    const c = await cast();
    const [first, second] = c.account.companyIds;
    const token = await bearerFor(app, c.techSession);
    expect((await call(app, token, { method: 'GET', url: `/api/v1/users/${c.inFirst.id}` })).statusCode).toBe(200);
    expect((await call(app, token, { method: 'GET', url: `/api/v1/users/${c.inSecond.id}` })).statusCode).toBe(404);
    const res = await call(app, c.admin, {
      method: 'PATCH',
      url: `/api/v1/users/${c.tech.id}`,
      payload: { companyIds: [second] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().companyAccess).toEqual([second]);
    expect((await call(app, token, { method: 'GET', url: `/api/v1/users/${c.inFirst.id}` })).statusCode).toBe(404);
    expect((await call(app, c.techSession, { method: 'GET', url: `/api/v1/users/${c.inSecond.id}` })).statusCode).toBe(
      200,
    );
    const mails = await outboxRowsTo(database.db, c.tech.email);
    expect(mails.map((m) => m.kind)).toEqual(['access_changed']);
    expect(firstOf(mails).bodyText).toContain('Cast company 2');
    expect(firstOf(mails).bodyText).not.toContain(first);
    // setting the same access again changes nothing and sends nothing
    await call(app, c.admin, { method: 'PATCH', url: `/api/v1/users/${c.tech.id}`, payload: { companyIds: [second] } });
    expect((await outboxRowsTo(database.db, c.tech.email)).length).toBe(1);
  });

  it('gives a promoted administrator every company, and refuses a company list for one', async () => {
    const c = await cast();
    const promoted = await call(app, c.admin, {
      method: 'PATCH',
      url: `/api/v1/users/${c.tech.id}`,
      payload: { role: 'administrator' },
    });
    expect(promoted.json()).toMatchObject({ role: 'administrator', companyAccess: 'all' });
    const list = await call(app, c.admin, {
      method: 'PATCH',
      url: `/api/v1/users/${c.tech.id}`,
      payload: { companyIds: [c.account.companyIds[0]] },
    });
    expect(list.statusCode).toBe(400);
    // demoted without a list: keeps every company
    const demoted = await call(app, c.admin, {
      method: 'PATCH',
      url: `/api/v1/users/${c.tech.id}`,
      payload: { role: 'technician' },
    });
    expect(demoted.json()).toMatchObject({ role: 'technician', companyAccess: 'all' });
    const narrowed = await call(app, c.admin, {
      method: 'PATCH',
      url: `/api/v1/users/${c.tech.id}`,
      payload: { companyIds: [c.account.companyIds[1]] },
    });
    expect(narrowed.json().companyAccess).toEqual([c.account.companyIds[1]]);
    expect((await outboxRowsTo(database.db, c.tech.email)).map((m) => m.kind)).toEqual([
      'role_changed',
      'role_changed',
      'access_changed',
    ]);
  });

  it('releases the seats of a user who becomes a viewer', async () => {
    const c = await cast();
    await giveSeat(c.inFirst, 'remoteSupport', c.account);
    const res = await call(app, c.admin, {
      method: 'PATCH',
      url: `/api/v1/users/${c.inFirst.id}`,
      payload: { role: 'viewer' },
    });
    expect(res.json().seats).toEqual([]);
  });

  it('refuses edits by technicians with 403 and of unknown users with 404', async () => {
    const c = await cast();
    expect(
      (
        await call(app, c.techSession, {
          method: 'PATCH',
          url: `/api/v1/users/${c.inFirst.id}`,
          payload: { name: 'Nope' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(app, c.admin, {
          method: 'PATCH',
          url: '/api/v1/users/00000000-0000-4000-8000-000000000000',
          payload: { name: 'Nope' },
        })
      ).statusCode,
    ).toBe(404);
    const other = await anAccount(db, { name: 'Other', companies: 1 });
    expect(
      (await call(app, c.admin, { method: 'PATCH', url: `/api/v1/users/${other.admin.id}`, payload: { name: 'Nope' } }))
        .statusCode,
    ).toBe(404);
  });
});

describe('the last active administrator', () => {
  it('cannot demote, disable or delete themself when alone, with a clear 409', async () => {
    const c = await cast();
    const id = c.account.admin.id;
    const demote = await call(app, c.admin, {
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      payload: { role: 'technician', companyIds: 'all' },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error).toMatchObject({ code: 'conflict', details: { reason: 'last_administrator' } });
    expect(demote.json().error.message).toMatch(/last active administrator/);
    expect((await call(app, c.admin, { method: 'POST', url: `/api/v1/users/${id}/disable` })).statusCode).toBe(409);
    expect((await call(app, c.admin, { method: 'DELETE', url: `/api/v1/users/${id}` })).statusCode).toBe(409);
    expect(await roleOf(id)).toBe('administrator');
    expect(await statusOf(id)).toBe('active');
  });

  it('is protected from other administrators too, and invited or disabled administrators do not count', async () => {
    const c = await cast();
    const second = await aUser(db, c.account, { role: 'administrator' });
    const secondSession = await signIn(second);
    await invite(app, database, c.admin, { role: 'administrator', companyIds: 'all' });
    const disabled = await aUser(db, c.account, { role: 'administrator', companies: [], status: 'disabled' });
    expect(disabled).toBeTruthy();

    // two active administrators: one may go
    expect(
      (await call(app, secondSession, { method: 'POST', url: `/api/v1/users/${c.account.admin.id}/disable` }))
        .statusCode,
    ).toBe(200);
    // now the second is the last active one, whatever the invited and disabled administrators
    expect((await call(app, secondSession, { method: 'DELETE', url: `/api/v1/users/${second.id}` })).statusCode).toBe(
      409,
    );
    expect(
      (
        await call(app, secondSession, {
          method: 'PATCH',
          url: `/api/v1/users/${second.id}`,
          payload: { role: 'viewer' },
        })
      ).statusCode,
    ).toBe(409);
    // enabling the first again lets the second step down
    expect(
      (await call(app, secondSession, { method: 'POST', url: `/api/v1/users/${c.account.admin.id}/enable` }))
        .statusCode,
    ).toBe(200);
    const down = await call(app, secondSession, {
      method: 'PATCH',
      url: `/api/v1/users/${second.id}`,
      payload: { role: 'technician', companyIds: 'all' },
    });
    expect(down.statusCode, down.body).toBe(200);
    // and their very next request has the technician's rights
    expect(
      (await call(app, secondSession, { method: 'POST', url: `/api/v1/users/${c.tech.id}/disable` })).statusCode,
    ).toBe(403);
  });

  it('survives two administrators demoting each other at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const account = await anAccount(db, { name: 'Duel', companies: 1 });
      const other = await aUser(db, account, { role: 'administrator' });
      const [a, b] = [await signIn(account.admin), await signIn(other)];
      const results = await Promise.all([
        call(app, a, {
          method: 'PATCH',
          url: `/api/v1/users/${other.id}`,
          payload: { role: 'technician', companyIds: 'all' },
        }),
        call(app, b, {
          method: 'PATCH',
          url: `/api/v1/users/${account.admin.id}`,
          payload: { role: 'technician', companyIds: 'all' },
        }),
      ]);
      const statuses = results.map((r) => r.statusCode);
      // whichever ran second finds its caller no longer an administrator (403) or the other the last one (409)
      expect(
        statuses.filter((s) => s === 200),
        statuses.join(),
      ).toHaveLength(1);
      expect(await activeAdministrators(account.id)).toBe(1);
    }
  });

  it('survives concurrent disabling and deleting of the last two administrators by a third party', async () => {
    for (let round = 0; round < 5; round++) {
      const account = await anAccount(db, { name: 'Trio', companies: 1 });
      const second = await aUser(db, account, { role: 'administrator' });
      // the same administrator sends both: one must fail
      const session = await signIn(account.admin);
      const token = await bearerFor(app, session);
      const results = await Promise.all([
        call(app, token, { method: 'DELETE', url: `/api/v1/users/${second.id}` }),
        call(app, session, { method: 'POST', url: `/api/v1/users/${account.admin.id}/disable` }),
      ]);
      expect(await activeAdministrators(account.id), results.map((r) => r.statusCode).join()).toBe(1);
    }
  });
});

describe('disable, enable, delete', () => {
  it('disabling ends the user’s sessions, revokes their API tokens and releases their seats', async () => {
    const c = await cast();
    const token = await bearerFor(app, c.techSession);
    await giveSeat(c.tech, 'remoteSupport', c.account);
    const res = await call(app, c.admin, { method: 'POST', url: `/api/v1/users/${c.tech.id}/disable` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'disabled', seats: [], abilities: { enable: true, disable: false } });
    expect((await call(app, c.techSession, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await call(app, token, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect(await sessionsOf(db, { userId: c.tech.id })).toHaveLength(0);
    expect(await tokensOf(db, c.tech.id, { live: true })).toHaveLength(0);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: c.tech.email, password: 'correct horse battery staple' },
    });
    expect(login.statusCode).toBe(401);
    // disabling again is harmless
    expect((await call(app, c.admin, { method: 'POST', url: `/api/v1/users/${c.tech.id}/disable` })).statusCode).toBe(
      200,
    );

    const enabled = await call(app, c.admin, { method: 'POST', url: `/api/v1/users/${c.tech.id}/enable` });
    expect(enabled.json().status).toBe('active');
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: c.tech.email, password: 'correct horse battery staple' },
    });
    expect(again.statusCode).toBe(200);
    // revoked tokens stay revoked
    expect((await call(app, token, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('enabling a user who never accepted their invitation makes them invited again', async () => {
    const c = await cast();
    const invited = await invite(app, database, c.admin, { companyIds: 'all' });
    await call(app, c.admin, { method: 'POST', url: `/api/v1/users/${invited.id}/disable` });
    const res = await call(app, c.admin, { method: 'POST', url: `/api/v1/users/${invited.id}/enable` });
    expect(res.json()).toMatchObject({
      status: 'invited',
      invitation: null,
      abilities: { resendInvitation: true, revokeInvitation: false },
    });
  });

  it('deleting removes the user with their sessions and tokens, and is audited', async () => {
    const c = await cast();
    const token = await bearerFor(app, c.techSession);
    const res = await call(app, c.admin, { method: 'DELETE', url: `/api/v1/users/${c.tech.id}` });
    expect(res.statusCode).toBe(204);
    expect((await call(app, c.admin, { method: 'GET', url: `/api/v1/users/${c.tech.id}` })).statusCode).toBe(404);
    expect((await call(app, c.techSession, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await call(app, token, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const audit = firstOf(await auditRowsOf(db, c.tech.id, 'user.delete'));
    expect(audit.before).toMatchObject({ email: c.tech.email, role: 'technician' });
    expect((await call(app, c.admin, { method: 'DELETE', url: `/api/v1/users/${c.tech.id}` })).statusCode).toBe(404);
  });

  it('lets an administrator delete themself when another active administrator remains', async () => {
    const c = await cast();
    const second = await aUser(db, c.account, { role: 'administrator' });
    const session = await signIn(second);
    expect((await call(app, session, { method: 'DELETE', url: `/api/v1/users/${second.id}` })).statusCode).toBe(204);
    expect((await call(app, session, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('refuses technicians, leaving the user as they were', async () => {
    const c = await cast();
    for (const [method, url] of [
      ['POST', `/api/v1/users/${c.inFirst.id}/disable`],
      ['POST', `/api/v1/users/${c.inFirst.id}/enable`],
      ['DELETE', `/api/v1/users/${c.inFirst.id}`],
    ] as const) {
      expect((await call(app, c.techSession, { method, url })).statusCode).toBe(403);
    }
    expect(await statusOf(c.inFirst.id)).toBe('active');
  });
});

describe('CSV export', () => {
  it('exports the filtered users, neutralising formulas', async () => {
    const c = await cast();
    await setName(c.inFirst, '=HYPERLINK("http://evil.test","click")');
    await setName(c.inSecond, '+SUM(1,2)');
    const res = await call(app, c.admin, { method: 'GET', url: '/api/v1/users/export.csv?sort=email' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="tandem-users-/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('email,name,role,companies,language,time_zone,status,seats,created_at');
    expect(lines).toHaveLength(8);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(res.body).toContain(`"'+SUM(1,2)"`);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const both = lines.find((l) => l.startsWith(c.inBoth.email))!;
    expect(both).toContain('Cast company 2');
    const filtered = await call(app, c.admin, { method: 'GET', url: '/api/v1/users/export.csv?role=viewer' });
    expect(filtered.body.trim().split('\r\n')).toHaveLength(3);
  });

  it('limits a technician’s export to the users and companies they can see', async () => {
    const c = await cast();
    const res = await call(app, c.techSession, { method: 'GET', url: '/api/v1/users/export.csv' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(c.inSecond.email);
    expect(res.body).not.toContain('Cast company 2');
    expect(res.body.trim().split('\r\n')).toHaveLength(7);
    const viewer = await signIn(c.viewer);
    const viewerExport = await call(app, viewer, { method: 'GET', url: '/api/v1/users/export.csv' });
    expect(viewerExport.statusCode).toBe(200);
    expect(viewerExport.body).not.toContain(c.inSecond.email);
    const bad = await call(app, c.techSession, {
      method: 'GET',
      url: `/api/v1/users/export.csv?companyId=${c.account.companyIds[1]}`,
    });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().error.code).toBe('not_found');
  });
});
