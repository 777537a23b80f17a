import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { anAccount, aUser } from '../support/builders/index.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Portal', companies: 2 });
const admin = await signIn(app, account.admin.email);
const patch = (companyId: string, payload: object) =>
  call(app, admin, { method: 'PATCH', url: `/api/v1/companies/${companyId}/portal`, payload });

describe('portals', () => {
  it('exist once per company, whichever way the company was made', async () => {
    const created = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/companies',
      payload: { name: 'Ünïcode & Co' },
    });
    const id = created.json().id;
    const counts = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from companies c left join portals p on p.company_id = c.id group by c.id having count(p.id) <> 1`,
    );
    expect(counts.rows).toEqual([]);
    const portal = (await call(app, admin, { method: 'GET', url: `/api/v1/companies/${id}/portal` })).json();
    expect(portal).toMatchObject({
      companyId: id,
      enabled: true,
      title: 'Ünïcode & Co',
      language: null,
      effectiveLanguage: 'en',
      businessHours: null,
      openNow: true,
    });
    expect(portal.slug).toMatch(/^n-c-unicode-co-[0-9a-f]{8}$|^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(portal.settings.waitTimeoutSeconds).toEqual({ value: 120, source: 'default' });
  });

  it('validates the address and refuses one taken by another portal (409)', async () => {
    const [a, b] = account.companyIds as [string, string];
    expect((await patch(a, { slug: 'Bad Slug!' })).statusCode).toBe(400);
    expect((await patch(a, { slug: 'api' })).statusCode).toBe(400);
    expect((await patch(a, { slug: 'acme-help' })).json().slug).toBe('acme-help');
    const taken = await patch(b, { slug: 'ACME-help' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details).toEqual({ field: 'slug', reason: 'slug_taken' });
  });

  it('validates fields and hours, reads portal.* settings through the resolver, and hides a disabled portal', async () => {
    const [a] = account.companyIds;
    const bad = await patch(a, {
      fields: { phone: 'optional', custom: [{ key: 'x', label: 'X', type: 'choice', options: ['only one'] }] },
    });
    expect(bad.statusCode).toBe(400);
    const badHours = await patch(a, {
      businessHours: { timeZone: 'Mars/Olympus', days: { mon: [{ start: '10:00', end: '09:00' }] }, holidays: [] },
    });
    expect(badHours.statusCode).toBe(400);
    await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${a}/settings`,
      payload: { values: { 'portal.offlineMessage': { en: '', fr: 'Back soon' }, 'general.language': 'fr' } },
    });
    const portal = (await call(app, admin, { method: 'GET', url: `/api/v1/companies/${a}/portal` })).json();
    expect(portal.settings.offlineMessage).toEqual({ value: { en: '', fr: 'Back soon' }, source: 'company' });
    expect(portal.effectiveLanguage).toBe('fr');
    const pub = await app.inject({ method: 'GET', url: `/api/portal/${portal.slug}` });
    expect(pub.json()).toMatchObject({ language: 'fr', offlineMessage: 'Back soon', liveAvailable: false });
    expect(Object.keys(pub.json())).not.toContain('companyId');
    await patch(a, { enabled: false });
    expect((await app.inject({ method: 'GET', url: `/api/portal/${portal.slug}` })).statusCode).toBe(404);
  });

  it('are listed by company name with their state and address, only for the companies one can see, a page at a time', async () => {
    const [a, b] = account.companyIds as [string, string];
    await patch(a, { enabled: true });
    await patch(b, { enabled: false });
    const all = (await call(app, admin, { method: 'GET', url: '/api/v1/portals' })).json();
    const names = all.items.map((p: { companyName: string }) => p.companyName);
    expect(names).toEqual([...names].sort((x: string, y: string) => x.toLowerCase().localeCompare(y.toLowerCase())));
    const second = all.items.find((p: { companyId: string }) => p.companyId === b);
    expect(second).toMatchObject({ enabled: false, slug: expect.any(String), path: `/portal/${second.slug}` });
    expect(all.items.find((p: { companyId: string }) => p.companyId === a).enabled).toBe(true);

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(app, admin, {
        method: 'GET',
        url: `/api/v1/portals?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(res.statusCode).toBe(200);
      pages.push(...res.json().items.map((p: { companyId: string }) => p.companyId));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.items.map((p: { companyId: string }) => p.companyId));
    const forged = Buffer.from(JSON.stringify(['x', 'not-a-uuid'])).toString('base64url');
    expect((await call(app, admin, { method: 'GET', url: `/api/v1/portals?cursor=${forged}` })).statusCode).toBe(400);
    expect(
      (await call(app, admin, { method: 'GET', url: `/api/v1/portals?q=${encodeURIComponent('%')}` })).json().items,
    ).toEqual([]);

    const tech = await signIn(app, (await aUser(db, account, { role: 'technician', companies: [a] })).email);
    const theirs = (await call(app, tech, { method: 'GET', url: '/api/v1/portals' })).json();
    expect(theirs.items.map((p: { companyId: string }) => p.companyId)).toEqual([a]);
  });
});
