import { sql } from 'drizzle-orm';
import { seedDevices } from '../../src/server/modules/devices/index.js';
import { openDatabase, type Database } from '../../src/server/platform/db/pool.js';
import type { BenchContext } from './scenario.js';
import { tandemForBench } from './tandem-for-bench.js';
import { adminToken } from './tandem-process.js';

/**
 * A running Tandem whose account holds `count` seeded devices, with an API token and a direct pool.
 * Its agents' heartbeat interval is 600 s: the seeded devices (last seen within 15 minutes) stay
 * as seeded while a scenario measures, instead of the offline sweep turning most of them offline
 * in the middle of it (a mass transition is another workload than the one measured).
 */
export async function devicesFixture(ctx: BenchContext, count: number) {
  const tandem = await tandemForBench(ctx, { TANDEM_AGENT_HEARTBEAT_SECONDS: '600' });
  let database: Database | undefined;
  try {
    database = openDatabase(tandem.databaseUrl, { max: 4 });
    const accountId = (
      await database.db.execute<{ id: string }>(sql`select id from accounts order by created_at limit 1`)
    ).rows[0]!.id;
    const started = performance.now();
    await seedDevices(database.db, accountId, count);
    ctx.log(`  seeded ${count.toLocaleString('en')} devices in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const token = await adminToken(tandem);
    const db = database;
    return {
      tandem,
      accountId,
      db: db.db,
      headers: { authorization: `Bearer ${token}` },
      close: async () => {
        await db.close();
        await tandem.close();
      },
    };
  } catch (err) {
    await database?.close();
    await tandem.close();
    throw err;
  }
}
