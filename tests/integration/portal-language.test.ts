import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { anAccount, nobodyOnline, outboxRowsTo, slugOf } from '../support/builders/index.js';
import { customer, seated, submit } from './support-kit.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Portal language', companies: 2 });
const admin = await signIn(app, account.admin.email);
const [companyId, otherId] = account.companyIds as [string, string];
const slug = await slugOf(db, companyId);
const alice = await seated(app, db, account, admin, ['remoteSupport', 'serviceDesk']);

const patchPortal = (id: string, payload: object) =>
  call(app, admin, { method: 'PATCH', url: `/api/v1/companies/${id}/portal`, payload });
const accountSettings = (values: object) =>
  call(app, admin, { method: 'PATCH', url: '/api/v1/settings', payload: { values } });
const publicPortal = async (s = slug) => (await app.inject({ method: 'GET', url: `/api/portal/${s}` })).json();

describe('a portal in its own language', () => {
  it("shows the welcome text of the portal's language, else the one in the account's language", async () => {
    const saved = await patchPortal(companyId, { language: 'fr', welcome: { en: 'Welcome', fr: 'Bienvenue' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      welcome: { en: 'Welcome', fr: 'Bienvenue' },
      effectiveLanguage: 'fr',
      accountLanguage: 'en',
    });
    expect(await publicPortal()).toMatchObject({ language: 'fr', welcome: 'Bienvenue' });

    // French left empty: the account's language (English) stands in
    await patchPortal(companyId, { welcome: { en: 'Welcome', fr: '' } });
    expect((await publicPortal()).welcome).toBe('Welcome');

    // an account in French, a portal in English with only a French text
    await accountSettings({ 'general.language': 'fr' });
    await patchPortal(companyId, { language: 'en', welcome: { en: '', fr: 'Bonjour' } });
    expect(await publicPortal()).toMatchObject({ language: 'en', welcome: 'Bonjour' });
    await accountSettings({ 'general.language': null });
    expect((await publicPortal()).welcome).toBe('');
  });

  it("shows the offline notice of the portal's language, else the account's, else the built-in one in the portal's language", async () => {
    await patchPortal(companyId, { language: 'fr' });
    expect((await publicPortal()).offlineMessage).toContain('Personne ne peut');

    await accountSettings({ 'portal.offlineMessage': { en: 'Back at nine.', fr: '' } });
    expect((await publicPortal()).offlineMessage).toBe('Back at nine.');

    const company = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${companyId}/settings`,
      payload: { values: { 'portal.offlineMessage': { en: 'Back at nine.', fr: 'De retour à neuf heures.' } } },
    });
    expect(company.statusCode, company.body).toBe(200);
    expect((await publicPortal()).offlineMessage).toBe('De retour à neuf heures.');
    // the other company keeps the account's text, in English for want of a French one
    await patchPortal(otherId, { language: 'fr' });
    expect((await publicPortal(await slugOf(db, otherId))).offlineMessage).toBe('Back at nine.');
  });

  it('refuses an offline notice empty in every language and a text too long, on the field, changing nothing', async () => {
    const empty = await accountSettings({ 'portal.offlineMessage': { en: ' ', fr: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0]).toMatchObject({ code: 'required' });
    const long = await patchPortal(companyId, { welcome: { en: 'x'.repeat(5000), fr: '' } });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details[0].path).toBe('welcome.en');
    expect((await publicPortal()).welcome).toBe('Bonjour');
  });

  it("e-mails the customer in the portal's language whatever the account's: the question's link and the answer", async () => {
    await patchPortal(companyId, { language: 'fr', welcome: { en: 'Welcome', fr: '' } });
    await nobodyOnline(db, account.id);
    const res = await submit(app, slug, { ...customer(7), email: 'french@example.test' });
    expect(res.statusCode, res.body).toBe(201);
    const [received] = await outboxRowsTo(db, 'french@example.test');
    expect(received!.subject).toContain('Votre question');
    expect(received!.bodyText).toContain('Ouvrez votre lien');

    const answered = await call(app, alice.caller, {
      method: 'POST',
      url: `/api/v1/support-requests/${res.json().id}/answer`,
      payload: { clientId: crypto.randomUUID(), body: 'Redémarrez.' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const mails = await outboxRowsTo(db, 'french@example.test');
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringContaining('Votre question'),
      expect.stringContaining('Une réponse vous attend'),
    ]);
  });
});

describe('the migration to one text per language', () => {
  it("puts each existing single text in the account's language and keeps them all", async () => {
    const file = readFileSync(new URL('../../migrations/0030_portal_texts_per_language.sql', import.meta.url), 'utf8');
    const statements = file.split('--> statement-breakpoint').map((s) => s.trim());
    const a = crypto.randomUUID();
    const b = crypto.randomUUID();
    let found: { portals: unknown[]; settings: unknown[] } = { portals: [], settings: [] };
    await db
      .transaction(async (tx) => {
        // the tables as they were before, in a schema of their own, thrown away afterwards
        await tx.execute(sql`create schema before_texts`);
        await tx.execute(sql`set local search_path = before_texts`);
        await tx.execute(sql`create table portals (account_id uuid, welcome text not null default '')`);
        await tx.execute(sql`create table account_settings (account_id uuid, key text, value jsonb)`);
        await tx.execute(sql`create table company_settings (account_id uuid, key text, value jsonb)`);
        await tx.execute(sql`insert into portals values (${a}, 'Bienvenue'), (${b}, 'Welcome'), (${b}, '')`);
        await tx.execute(sql`insert into account_settings values
          (${a}, 'general.language', '"fr"'), (${a}, 'portal.offlineMessage', '"Revenez demain"'),
          (${b}, 'portal.offlineMessage', '"Back tomorrow"')`);
        await tx.execute(sql`insert into company_settings values (${a}, 'portal.offlineMessage', '"Fermé"')`);
        for (const statement of statements) await tx.execute(sql.raw(statement));
        const portals = await tx.execute(
          sql`select account_id, welcome from portals order by account_id, welcome::text`,
        );
        const settings = await tx.execute(
          sql`select 'account' as at, account_id, value from account_settings where key = 'portal.offlineMessage'
              union all select 'company', account_id, value from company_settings order by 1, 2`,
        );
        found = { portals: portals.rows, settings: settings.rows };
        tx.rollback();
      })
      .catch((error: unknown) => {
        // the rollback asked for above
        if (!(error instanceof Error && error.message === 'Rollback')) throw error;
      });
    const rows = (list: unknown[]) => [...list].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    expect(rows(found.portals)).toEqual(
      rows([
        { account_id: a, welcome: { fr: 'Bienvenue' } },
        { account_id: b, welcome: { en: 'Welcome' } },
        { account_id: b, welcome: {} },
      ]),
    );
    expect(rows(found.settings)).toEqual(
      rows([
        { at: 'account', account_id: a, value: { fr: 'Revenez demain' } },
        { at: 'account', account_id: b, value: { en: 'Back tomorrow' } },
        { at: 'company', account_id: a, value: { fr: 'Fermé' } },
      ]),
    );
    expect(await db.execute(sql`select 1 from pg_namespace where nspname = 'before_texts'`)).toMatchObject({
      rows: [],
    });
  });
});
