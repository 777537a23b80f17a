/**
 * npm run seed:devices -- [--account ID] [--count 100000]
 * Adds devices to an account (default: the oldest one) for benchmarks and trials at scale,
 * in one set-based statement. Uses DATABASE_URL or the embedded server of TANDEM_DATA_DIR.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { runWithDatabase } from '../src/server/cli/run-with-database.js';
import { seedDevices } from '../src/server/modules/devices/index.js';

const { values } = parseArgs({
  options: { account: { type: 'string' }, count: { type: 'string', default: '100000' } },
});
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
  process.stderr.write('--count must be a whole number from 1 to 1,000,000\n');
  process.exit(2);
}

await runWithDatabase({ env: process.env, stdout: process.stdout, stderr: process.stderr }, async ({ db }) => {
  const accountId =
    values.account ??
    (await db.execute<{ id: string }>(sql`select id from accounts order by created_at limit 1`)).rows[0]?.id;
  if (!accountId) throw new Error('No account yet: create one first (npm run tandem -- account create …).');
  const started = performance.now();
  const inserted = await seedDevices(db, accountId, count);
  process.stdout.write(
    `${inserted} devices added to account ${accountId} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
});
