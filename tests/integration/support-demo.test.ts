import { sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { demoPassword, seedDemo } from '../../src/server/demo/seed.js';
import { call, createTestApp, signIn } from '../support/test-app.js';

const { app, database } = await createTestApp();

describe('the demo account’s support requests', () => {
  it('has portals with readable addresses, completed chats and offline questions a technician sees', async () => {
    await seedDemo(database, pino({ level: 'silent' }));
    const slugs = await database.db.execute<{ slug: string }>(sql`select slug from portals order by slug`);
    expect(slugs.rows.map((r) => r.slug)).toEqual(['contoso-help', 'fabrikam-help', 'northwind-help', 'tailspin-help']);
    const chloe = await signIn(app, 'chloe@northwind.demo', demoPassword);
    const completed = (
      await call(app, chloe, { method: 'GET', url: '/api/v1/support-requests?view=completed' })
    ).json();
    expect(completed.items.length).toBeGreaterThanOrEqual(1);
    const inbox = (await call(app, chloe, { method: 'GET', url: '/api/v1/support-requests?view=inbox' })).json();
    expect(inbox.items.map((r: { customer: { name: string } }) => r.customer.name).sort()).toEqual([
      'Hugo Lambert',
      'Léa Fontaine',
    ]);
    const transcript = (
      await call(app, chloe, { method: 'GET', url: `/api/v1/support-requests/${completed.items[0].id}/messages` })
    ).json();
    expect(transcript.items.map((m: { seq: number }) => m.seq)).toEqual(
      transcript.items.map((_: unknown, i: number) => i + 1),
    );
    const portal = await app.inject({ method: 'GET', url: '/api/portal/contoso-help' });
    expect(portal.json()).toMatchObject({ language: 'fr', title: 'Contoso Retail support' });
    // each demo portal's page opens (not the 404 of an unknown or disabled portal), and the console lists them enabled
    for (const { slug } of slugs.rows)
      expect((await app.inject({ method: 'GET', url: `/portal/${slug}` })).statusCode, slug).toBe(200);
    const listed = (await call(app, chloe, { method: 'GET', url: '/api/v1/portals' })).json();
    expect(listed.items.length).toBeGreaterThanOrEqual(1);
    expect(
      listed.items.every(
        (p: { enabled: boolean; path: string; slug: string }) => p.enabled && p.path === `/portal/${p.slug}`,
      ),
    ).toBe(true);
  });
});
