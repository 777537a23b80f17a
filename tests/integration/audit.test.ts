import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { anAccount, aUser, first } from '../support/builders/index.js';
import { call, createTestApp, signIn } from '../support/test-app.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Audit', companies: 1 });
const other = await anAccount(db, { name: 'Other', companies: 1 });
const admin = await signIn(app, account.admin.email);
const technician = await aUser(db, account, { role: 'technician' });
const techSession = await signIn(app, technician.email);
const otherAdmin = await signIn(app, other.admin.email);

// some activity to read back
for (let i = 0; i < 7; i++)
  await call(app, admin, { method: 'POST', url: '/api/v1/api-tokens', payload: { name: `=cmd|' /C calc'!A${i}` } });
await call(app, techSession, { method: 'PATCH', url: '/api/v1/me', payload: { timeZone: 'Europe/Paris' } });
await call(app, otherAdmin, { method: 'PATCH', url: '/api/v1/accounts/current', payload: { name: 'Secret rename' } });

type Item = { id: string; action: string; actorId: string | null; before: unknown; after: unknown; ip: string | null };
const list = async (caller = admin, query = '') => {
  const res = await call(app, caller, { method: 'GET', url: `/api/v1/audit-events${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; nextCursor: string | null };
};

describe('audit log', () => {
  it('records each change with actor, object, before/after and address, in the same transaction', async () => {
    const { items } = await list(admin, '?action=api_token.create&limit=1');
    expect(items[0]).toMatchObject({
      action: 'api_token.create',
      actorId: account.admin.id,
      ip: '127.0.0.1',
      before: null,
    });
    expect(first(items).after).toMatchObject({ name: expect.stringContaining('cmd') });
    expect(JSON.stringify(first(items).after)).not.toMatch(/token"|tokenHash/);
  });

  it('pages with a cursor, newest first, without gaps or repeats', async () => {
    const all = await list(admin, '?limit=200');
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: Item[]; nextCursor: string | null } = await list(
        admin,
        `?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.items.map((i) => i.id));
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
  });

  it('filters by action, actor, object and dates', async () => {
    expect((await list(admin, '?action=api_token.create')).items).toHaveLength(7);
    const byTech = await list(admin, `?actorId=${technician.id}`);
    expect(byTech.items.map((i) => i.action).sort()).toEqual(['auth.login', 'user.update_profile']);
    expect(
      (await list(admin, `?objectType=user&objectId=${technician.id}&action=user.update_profile`)).items,
    ).toHaveLength(1);
    expect((await list(admin, '?from=2999-01-01T00:00:00Z')).items).toHaveLength(0);
    expect((await list(admin, '?to=2000-01-01T00:00:00Z')).items).toHaveLength(0);
  });

  it('never shows another account’s events', async () => {
    const { items } = await list(admin, '?limit=200');
    expect(items.some((i) => JSON.stringify(i.after ?? '').includes('Secret rename'))).toBe(false);
    expect(items.every((i) => i.actorId !== other.admin.id)).toBe(true);
  });

  it('shows technicians their own actions only, whatever filter they send', async () => {
    const own = await list(techSession, '?limit=200');
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((i) => i.actorId === technician.id)).toBe(true);
    const asked = await list(techSession, `?actorId=${account.admin.id}`);
    expect(asked.items.every((i) => i.actorId === technician.id)).toBe(true);
  });

  it('exports the filtered events as CSV with formulas neutralised', async () => {
    const res = await call(app, admin, {
      method: 'GET',
      url: '/api/v1/audit-events/export.csv?action=api_token.create',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="tandem-audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,occurred_at,actor_type,actor_id,actor_name,action,object_type,object_id,before,after,ip');
    expect(lines).toHaveLength(8);
    expect(res.body).not.toMatch(/,=cmd/);
    expect(res.body).toContain(`""name"":""=cmd`);
  });

  it('is append-only in the database', async () => {
    const error = await db.execute(sql`update audit_events set action = 'forged'`).catch((e: Error) => e);
    expect(String((error as Error).cause)).toMatch(/append-only/);
  });
});
