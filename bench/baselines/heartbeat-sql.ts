/**
 * P7's baseline: raw single-row UPDATEs of a device's last-seen time by its credential hash (what
 * a heartbeat must at least write), through a pool like Tandem's at the given concurrency.
 * Usage: heartbeat-sql.ts DATABASE_URL SECONDS CONCURRENCY HASHES_FILE. Prints {"perSecond": n}.
 */
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../src/server/platform/db/pool.js';

const [url, seconds, concurrency, hashesFile] = process.argv.slice(2) as [string, string, string, string];
const hashes = readFileSync(hashesFile, 'utf8').trim().split('\n');
const database = openDatabase(url);
let done = 0;
let next = 0;
const until = performance.now() + Number(seconds) * 1000;
async function worker() {
  while (performance.now() < until) {
    const hash = hashes[next++ % hashes.length];
    const result = await database.pool.query(
      'update devices set last_seen_at = now() where credential_hash = $1 and revoked_at is null',
      [hash],
    );
    if (result.rowCount !== 1) throw new Error('no device for that credential');
    done++;
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
console.log(JSON.stringify({ perSecond: done / ((performance.now() - started) / 1000) }));
await database.close();
