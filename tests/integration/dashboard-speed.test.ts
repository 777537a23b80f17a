import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../src/shared/contracts/dashboard.js';
import { sampleDeviceStatus } from '../../src/server/modules/dashboard/index.js';
import { seedDevices } from '../../src/server/modules/devices/index.js';
import { anAccount, aSeat, nth } from '../support/builders/index.js';
import { statementsDuring } from '../support/statements.js';
import { call, createTestApp, signIn } from '../support/test-app.js';

/**
 * The dashboard at 100,000 devices in 50 companies, with 24 hours of samples: the median answer
 * over HTTP, the statements one answer sends (the same whatever the number of companies: no query
 * per company or device), and one round of the sampler. Figures are printed; the limits are loose
 * enough for a machine shared with other test files.
 */
const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Scale', companies: 50 });
const noise = await anAccount(db, { name: 'Neighbour', companies: 1 });
await seedDevices(db, account.id, 100_000);
await seedDevices(db, noise.id, 5_000, { prefix: 'NB' });
await aSeat(db, account.admin, 'remoteSupport', account.admin.id).catch(() => undefined);
// 24 hours of samples (96 slots × 50 companies) ending at the current 15-minute slot, as the sampler leaves them
await db.execute(sql`
  insert into device_status_samples (account_id, company_id, at, online, offline)
  select ${account.id}, c.id, to_timestamp(floor(extract(epoch from now()) / 900) * 900) - make_interval(mins => 15 * s),
    1600 - s, 400 + s
  from companies c, generate_series(0, 95) s where c.account_id = ${account.id}`);
await db.execute(sql`vacuum (analyze) device_status_samples`);
const admin = await signIn(app, account.admin.email);

async function timed(url: string, runs = 9): Promise<number> {
  await call(app, admin, { method: 'GET', url });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await call(app, admin, { method: 'GET', url });
    times.push(performance.now() - started);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  }
  times.sort((a, b) => a - b);
  return nth(times, Math.floor(runs / 2));
}

describe('the dashboard at 100,000 devices', () => {
  it('answers in under a second, in a fixed handful of statements', async () => {
    const all = await timed('/api/v1/dashboard');
    const one = await timed(`/api/v1/dashboard?companyId=${account.companyIds[0]}`);
    const res = await call(app, admin, { method: 'GET', url: '/api/v1/dashboard' });
    const body = res.json() as Dashboard;
    expect(body.devices).toMatchObject({ online: 80_000, offline: 20_000, companiesWithDevices: 50 });
    expect(body.devices?.companies).toHaveLength(8);
    expect(body.devices?.trend.length).toBeGreaterThanOrEqual(96);

    const statements = await statementsDuring(() => call(app, admin, { method: 'GET', url: '/api/v1/dashboard' }));
    const started = performance.now();
    const round = await sampleDeviceStatus(db, new Date());
    const sampleMs = performance.now() - started;
    console.log(
      `dashboard at 100,000 devices / 50 companies: all companies ${all.toFixed(1)} ms, one company ${one.toFixed(1)} ms (median of 9, HTTP), ${statements.length} statements; a sampler round ${sampleMs.toFixed(0)} ms (${round.written} rows)`,
    );
    expect(statements.length).toBeLessThanOrEqual(12);
    expect(all).toBeLessThan(1000);
    expect(one).toBeLessThan(1000);
  }, 120_000);
});
