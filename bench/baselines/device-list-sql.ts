/**
 * P1's baseline: the inventory page's own SQL (the devices repository's `listDevices`), run raw
 * through a pool like Tandem's (20 connections) at the load generator's concurrency — everything
 * the endpoint does minus HTTP, authentication, validation and presentation.
 * Usage: device-list-sql.ts DATABASE_URL ACCOUNT_ID SECONDS CONCURRENCY FILTER_JSON.
 * Prints {"perSecond": n}.
 */
import { listDeviceRows as listDevices } from '../../src/server/modules/devices/index.js';
import { openDatabase } from '../../src/server/platform/db/pool.js';

const [url, accountId, seconds, concurrency, filterJson] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const database = openDatabase(url);
const filter = { sort: 'name' as const, order: 'asc' as const, ...JSON.parse(filterJson) };
const scope = { accountId, visible: null };
let done = 0;
const until = performance.now() + Number(seconds) * 1000;
async function worker() {
  while (performance.now() < until) {
    const rows = await listDevices(database.db, scope, filter, 51, null);
    if (rows.length === 0) throw new Error('the filter matches no device');
    done++;
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
console.log(JSON.stringify({ perSecond: done / ((performance.now() - started) / 1000) }));
await database.close();
