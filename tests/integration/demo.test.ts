import { sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { demoAdminEmail, demoPassword, seedDemo } from '../../src/server/demo/seed.js';
import { countOf } from '../support/builders/index.js';
import { createTestApp, signIn } from '../support/test-app.js';

const { app, database } = await createTestApp();
const log = pino({ level: 'silent' });
const count = (table: string) => countOf(database.db, sql.raw(`select count(*)::int as n from ${table}`));

describe('the demo account', () => {
  it('loads companies, users of every role with company access and seats, within the licence', async () => {
    await seedDemo(database, log);
    expect(await count('accounts')).toBe(1);
    expect(await count('companies')).toBe(4);
    expect(await count('users')).toBe(6);
    const roles = await database.db.execute<{ role: string; n: number }>(
      sql`select role, count(*)::int as n from users group by role order by role`,
    );
    expect(roles.rows).toEqual([
      { role: 'administrator', n: 2 },
      { role: 'technician', n: 3 },
      { role: 'viewer', n: 1 },
    ]);
    const overLicence = await database.db.execute(sql`
      select s.module from seat_assignments s join account_licences l using (account_id)
      group by s.module, l.remote_support_seats, l.service_desk_seats
      having count(*) > case s.module when 'remoteSupport' then l.remote_support_seats else l.service_desk_seats end`);
    expect(overLicence.rows).toEqual([]);
    const noCompany = await database.db.execute(
      sql`select email from users u where not all_companies and not exists (select 1 from user_companies uc where uc.user_id = u.id)`,
    );
    expect(noCompany.rows).toEqual([]);
  });

  it('is loaded once: a second start leaves it as it is', async () => {
    await seedDemo(database, log);
    expect(await count('users')).toBe(6);
  });

  it('lets its people sign in with the printed password', async () => {
    const session = await signIn(app, demoAdminEmail, demoPassword);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers });
    expect(me.json().account.name).toBe('Northwind Support (demo)');
    await signIn(app, 'farid@northwind.demo', demoPassword);
  });
});
