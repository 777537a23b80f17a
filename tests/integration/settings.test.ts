import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/server/modules/settings/index.js';
import {
  anAccount,
  aUser,
  captured,
  first as firstRow,
  idleSince,
  outboxRowsTo,
  removeAccountSetting,
  testPassword,
} from '../support/builders/index.js';
import { eventually } from '../support/eventually.js';
import { call, createTestApp, signIn } from '../support/test-app.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Settings', companies: 2 });
const [first, second] = account.companyIds;
const admin = await signIn(app, account.admin.email);
const technician = await aUser(db, account, { role: 'technician', companies: [first] });
const tech = await signIn(app, technician.email);
const other = await anAccount(db, { name: 'Elsewhere', companies: 1 });
/** the administrator of these tests has a second factor, so requiring one never locks them out */
async function enrol(caller: typeof admin) {
  const { generate } = await import('otplib');
  const started = await call(app, caller, {
    method: 'POST',
    url: '/api/v1/me/two-factor',
    payload: { password: testPassword },
  });
  const secret = started.json().manualKey.replace(/\s/g, '');
  const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
  return call(app, caller, { method: 'POST', url: '/api/v1/me/two-factor/confirm', payload: { code } });
}
await enrol(admin);

const get = (caller = admin, url = '/api/v1/settings') => call(app, caller, { method: 'GET', url });
const patch = (payload: object, caller = admin, url = '/api/v1/settings') =>
  call(app, caller, { method: 'PATCH', url, payload });
type Item = {
  key: string;
  effective: unknown;
  value: unknown;
  isSet: boolean;
  locked: boolean;
  source?: string;
  override?: unknown;
};
const item = (items: Item[], key: string) => items.find((i) => i.key === key)!;

describe('account settings', () => {
  it('lists every setting with its default, value and lock', async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    const items: Item[] = res.json().items;
    expect(items).toHaveLength(23);
    expect(item(items, 'portal.waitTimeoutSeconds')).toMatchObject({
      default: 120,
      value: null,
      isSet: false,
      effective: 120,
      locked: false,
      overridable: true,
    });
  });

  it('validates type and bounds, field by field, and changes nothing on any error', async () => {
    const res = await patch({
      values: {
        'portal.waitTimeoutSeconds': 5,
        'general.timeZone': 'Mars/Base',
        'no.such': 1,
        'general.language': 'fr',
      },
      locks: { 'security.passwordMinLength': true },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual([
      'locks.security.passwordMinLength',
      'values.general.timeZone',
      'values.no.such',
      'values.portal.waitTimeoutSeconds',
    ]);
    expect(item((await get()).json().items, 'general.language').isSet).toBe(false);
  });

  it('sets, locks and resets values, audited with before and after', async () => {
    const res = await patch({
      values: { 'sessions.recording': 'always', 'general.language': 'fr' },
      locks: { 'sessions.recording': true },
    });
    expect(res.statusCode).toBe(200);
    expect(item(res.json().items, 'sessions.recording')).toMatchObject({
      value: 'always',
      effective: 'always',
      locked: true,
      isSet: true,
    });
    const reset = await patch({ values: { 'general.language': null } });
    expect(item(reset.json().items, 'general.language')).toMatchObject({ value: null, isSet: false, effective: 'en' });
    const audit = await db.execute<{ object_id: string; before: unknown; after: unknown }>(
      sql`select object_id, before, after from audit_events where action = 'setting.update' order by id`,
    );
    expect(audit.rows).toEqual([
      {
        object_id: 'sessions.recording',
        before: { value: null, locked: false },
        after: { value: 'always', locked: true },
      },
      { object_id: 'general.language', before: { value: null, locked: false }, after: { value: 'fr', locked: false } },
      { object_id: 'general.language', before: { value: 'fr', locked: false }, after: { value: null, locked: false } },
    ]);
  });

  it('is read-only for technicians and viewers', async () => {
    expect((await get(tech)).statusCode).toBe(200);
    expect((await patch({ values: { 'general.language': 'fr' } }, tech)).statusCode).toBe(403);
    const viewer = await signIn(app, (await aUser(db, account, { role: 'viewer' })).email);
    expect((await get(viewer)).statusCode).toBe(200);
    expect((await patch({ values: { 'general.language': 'fr' } }, viewer)).statusCode).toBe(403);
  });
});

describe('company overrides', () => {
  const url = `/api/v1/companies/${first}/settings`;

  it('shows effective values with their source and resets to inherited', async () => {
    await patch({ values: { 'general.timeZone': 'Europe/Paris' } });
    let items: Item[] = (await get(admin, url)).json().items;
    expect(item(items, 'general.timeZone')).toMatchObject({
      effective: 'Europe/Paris',
      source: 'account',
      override: null,
    });
    expect(item(items, 'portal.waitTimeoutSeconds')).toMatchObject({ effective: 120, source: 'default' });
    expect(items.some((i) => i.key === 'security.sessionIdleMinutes')).toBe(false);

    items = (await patch({ values: { 'general.timeZone': 'America/Montreal' } }, admin, url)).json().items;
    expect(item(items, 'general.timeZone')).toMatchObject({
      effective: 'America/Montreal',
      source: 'company',
      override: 'America/Montreal',
    });
    // the other company still inherits
    expect(
      item((await get(admin, `/api/v1/companies/${second}/settings`)).json().items, 'general.timeZone').source,
    ).toBe('account');

    items = (await patch({ values: { 'general.timeZone': null } }, admin, url)).json().items;
    expect(item(items, 'general.timeZone')).toMatchObject({
      effective: 'Europe/Paris',
      source: 'account',
      override: null,
    });
  });

  it('refuses to override a locked setting, and a lock wins over an older override', async () => {
    await patch({ values: { 'portal.allowAttachments': true } }, admin, url);
    await patch({ values: { 'portal.allowAttachments': false }, locks: { 'portal.allowAttachments': true } });
    expect(item((await get(admin, url)).json().items, 'portal.allowAttachments')).toMatchObject({
      effective: false,
      source: 'locked',
      locked: true,
    });
    const res = await patch({ values: { 'portal.allowAttachments': true } }, admin, url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'values.portal.allowAttachments', code: 'locked', message: 'The account has locked this setting' },
    ]);
  });

  it('lets a company only tighten a security setting', async () => {
    await patch({ values: { 'security.requireTwoFactor': true } });
    const weaker = await patch({ values: { 'security.requireTwoFactor': false } }, admin, url);
    expect(weaker.statusCode).toBe(400);
    expect(weaker.json().error.details[0].message).toMatch(/only make this security setting stricter/);
    await patch({ values: { 'security.requireTwoFactor': false } });
    const stricter = await patch({ values: { 'security.requireTwoFactor': true } }, admin, url);
    expect(item(stricter.json().items, 'security.requireTwoFactor')).toMatchObject({
      effective: true,
      source: 'company',
    });
    const resolved = await loadSettings(db, account.id, [first, second]);
    expect(resolved.get('security.requireTwoFactor', first)).toBe(true);
    expect(resolved.get('security.requireTwoFactor', second)).toBe(false);
    expect(resolved.get('security.requireTwoFactor')).toBe(false);
    await patch({ values: { 'security.requireTwoFactor': null } }, admin, url);
  });

  it('refuses settings a company cannot override', async () => {
    const res = await patch({ values: { 'security.passwordMinLength': 20 } }, admin, url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toBe('A company cannot override this setting');
  });

  it('answers 404 for a company of another account, one outside the technician’s access, or a missing one', async () => {
    const otherUrl = `/api/v1/companies/${other.companyIds[0]}/settings`;
    expect((await get(admin, otherUrl)).statusCode).toBe(404);
    expect((await patch({ values: { 'general.language': 'fr' } }, admin, otherUrl)).statusCode).toBe(404);
    expect((await get(tech, `/api/v1/companies/${second}/settings`)).statusCode).toBe(404);
    expect((await get(tech, url)).statusCode).toBe(200);
    expect((await patch({ values: { 'general.language': 'fr' } }, tech, url)).statusCode).toBe(403);
    expect((await get(admin, '/api/v1/companies/00000000-0000-4000-8000-000000000000/settings')).statusCode).toBe(404);
  });

  it('answers 404 before 403: a technician or viewer changing settings of a company they cannot see is told it does not exist', async () => {
    const viewer = await signIn(app, (await aUser(db, account, { role: 'viewer', companies: [first] })).email);
    const change = { values: { 'portal.waitTimeoutSeconds': 60 } };
    for (const caller of [tech, viewer]) {
      expect((await patch(change, caller, url)).statusCode).toBe(403);
      const elsewhere = await patch(change, caller, `/api/v1/companies/${other.companyIds[0]}/settings`);
      expect(elsewhere.statusCode).toBe(404);
      expect(elsewhere.json().error.code).toBe('not_found');
      expect((await patch(change, caller, `/api/v1/companies/${second}/settings`)).statusCode).toBe(404);
      expect(
        (await patch(change, caller, '/api/v1/companies/00000000-0000-4000-8000-000000000000/settings')).statusCode,
      ).toBe(404);
    }
  });

  it('keeps a history per setting from the audit log', async () => {
    const account = await get(admin, '/api/v1/settings/history?key=general.timeZone');
    expect(account.json().items.map((e: { after: unknown }) => e.after)).toEqual([
      { value: 'Europe/Paris', locked: false },
    ]);
    const company = await get(admin, `/api/v1/settings/history?key=general.timeZone&companyId=${first}`);
    expect(company.json().items.map((e: { after: unknown }) => e.after)).toEqual([
      { value: null },
      { value: 'America/Montreal' },
    ]);
    expect((await get(admin, '/api/v1/settings/history?key=nope')).statusCode).toBe(400);
  });
});

describe('settings that change behaviour', () => {
  it('security.passwordMinLength: enforced when a password is changed', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const session = await signIn(app, user.email);
    await patch({ values: { 'security.passwordMinLength': 24 } });
    const short = await call(app, session, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'correct horse battery staple', newPassword: 'only twenty characters' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details).toEqual([
      { path: 'newPassword', code: 'too_short', params: { min: 24 }, message: 'Use at least 24 characters' },
    ]);
    const long = await call(app, session, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'correct horse battery staple', newPassword: 'twenty-four characters!!' },
    });
    expect(long.statusCode).toBe(204);
    await patch({ values: { 'security.passwordMinLength': null } });
  });
});

describe('more settings that change behaviour', () => {
  it('security.requireTwoFactor: users without a second factor can only enrol, then work again', async () => {
    const user = await aUser(db, account, { role: 'technician', companies: [first] });
    const session = await signIn(app, user.email);
    expect((await call(app, session, { method: 'GET', url: '/api/v1/api-tokens' })).statusCode).toBe(200);
    // required by the company the technician works in (not by the account)
    await patch({ values: { 'security.requireTwoFactor': true } }, admin, `/api/v1/companies/${first}/settings`);
    const refused = await call(app, session, { method: 'GET', url: '/api/v1/api-tokens' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('two_factor_enrolment_required');
    const me = await call(app, session, { method: 'GET', url: '/api/v1/me' });
    expect(me.json().mustEnrolTwoFactor).toBe(true);
    // a colleague of the other company is not concerned
    const elsewhere = await signIn(app, (await aUser(db, account, { role: 'technician', companies: [second] })).email);
    expect((await call(app, elsewhere, { method: 'GET', url: '/api/v1/api-tokens' })).statusCode).toBe(200);
    expect((await enrol(session)).statusCode).toBe(200);
    expect((await call(app, session, { method: 'GET', url: '/api/v1/api-tokens' })).statusCode).toBe(200);
    expect((await call(app, session, { method: 'GET', url: '/api/v1/me' })).json().mustEnrolTwoFactor).toBe(false);
    await patch({ values: { 'security.requireTwoFactor': null } }, admin, `/api/v1/companies/${first}/settings`);
  });

  it('security.requireTwoFactor at account level applies to everyone, administrators included', async () => {
    const other = await aUser(db, account, { role: 'administrator' });
    const session = await signIn(app, other.email);
    await patch({ values: { 'security.requireTwoFactor': true } });
    const res = await call(app, session, { method: 'GET', url: '/api/v1/settings' });
    expect(res.json().error.code).toBe('two_factor_enrolment_required');
    // written straight into the database: seen as soon as the change is announced
    await removeAccountSetting(db, account, 'security.requireTwoFactor');
    expect(
      await eventually(
        async () => (await call(app, session, { method: 'GET', url: '/api/v1/settings' })).statusCode === 200,
      ),
    ).toBe(true);
  });

  it('security.sessionIdleMinutes: sessions end after the account’s idle time', async () => {
    const user = await aUser(db, account, { role: 'viewer' });
    const session = await signIn(app, user.email);
    await idleSince(db, { userId: user.id }, 20);
    expect((await call(app, session, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    await patch({ values: { 'security.sessionIdleMinutes': 15 } });
    await idleSince(db, { userId: user.id }, 20);
    expect((await call(app, session, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    await patch({ values: { 'security.sessionIdleMinutes': null } });
  });

  it('general.companyLabel: the console’s word for companies comes through the resolver', async () => {
    const label = { en: { singular: 'Site', plural: 'Sites' }, fr: { singular: 'Site', plural: 'Sites' } };
    await patch({ values: { 'general.companyLabel': label } });
    expect((await get(tech, '/api/v1/me')).json().account.companyLabel).toEqual(label);
    await patch({ values: { 'general.companyLabel': null } });
    expect((await get(tech, '/api/v1/me')).json().account.companyLabel).toBeNull();
  });

  it('general.language and general.timeZone: defaults of invited users, from their company', async () => {
    await patch({ values: { 'general.language': 'fr', 'general.timeZone': 'Europe/Paris' } });
    await patch({ values: { 'general.timeZone': 'America/Montreal' } }, admin, `/api/v1/companies/${second}/settings`);
    const invite = (email: string, companyIds: string[]) =>
      call(app, admin, {
        method: 'POST',
        url: '/api/v1/users',
        payload: { email, name: 'New', role: 'technician', companyIds },
      });
    const a = (await invite('new-first@example.test', [first])).json();
    const b = (await invite('new-second@example.test', [second])).json();
    expect([a.language, a.timeZone]).toEqual(['fr', 'Europe/Paris']);
    expect([b.language, b.timeZone]).toEqual(['fr', 'America/Montreal']);
    // the console shows a company's dates in its own time zone
    expect((await get(admin, `/api/v1/companies/${second}`)).json().timeZone).toBe('America/Montreal');
    expect((await get(admin, `/api/v1/companies/${first}`)).json().timeZone).toBe('Europe/Paris');
    // and the invitation e-mail is written in that language
    const mail = firstRow(await outboxRowsTo(db, 'new-first@example.test'));
    expect(mail.metadata).toMatchObject({ language: 'fr' });
    await patch({ values: { 'general.language': null, 'general.timeZone': null } });
  });

  it('security.passwordMinLength: enforced when an invitation is accepted', async () => {
    await patch({ values: { 'security.passwordMinLength': 30 } });
    await call(app, admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'policy@example.test', name: 'Pol', role: 'viewer', companyIds: [first] },
    });
    const mail = firstRow(await outboxRowsTo(db, 'policy@example.test'));
    const token = captured(/\/invitation\/([\w-]+)/, mail.bodyText);
    const short = await app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { password: 'twenty characters ok' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0]).toEqual({
      path: 'password',
      code: 'too_short',
      params: { min: 30 },
      message: 'Use at least 30 characters',
    });
    const ok = await app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { password: 'thirty characters, and then some' },
    });
    expect(ok.statusCode).toBe(200);
    await patch({ values: { 'security.passwordMinLength': null } });
  });
});
