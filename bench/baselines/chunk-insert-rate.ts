/**
 * P13's upload baseline: the bytes of the recordings' chunks inserted raw at the rate the
 * sessions upload them — one single-row INSERT of `CHUNK_BYTES` into a bytea column every
 * `CHUNK_BYTES ÷ BYTES_PER_SECOND`, through a pool like Tandem's — for `SECONDS`. Measures its own
 * CPU and, given the postmaster's pid, PostgreSQL's over the same time. Past 40 INSERTs waiting, a
 * chunk is dropped (`bytes` counts what was inserted).
 * Usage: chunk-insert-rate.ts DATABASE_URL SECONDS BYTES_PER_SECOND CHUNK_BYTES [POSTMASTER_PID].
 * Prints {"seconds", "bytes", "cpuSeconds", "postgresCpuSeconds"} (postgresCpuSeconds null without a pid).
 */
import { randomBytes } from 'node:crypto';
import { postgresCpuSeconds } from '../lib/cpu.js';
import { openDatabase } from '../../src/server/platform/db/pool.js';

const [url, seconds, bytesPerSecond, chunkBytes, postmaster] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string | undefined,
];
const database = openDatabase(url);
await database.pool.query(
  'create table if not exists bench_raw_chunks (id bigserial primary key, data bytea not null, created_at timestamptz not null default now())',
);
const bodies = Array.from({ length: 8 }, () => randomBytes(Number(chunkBytes)));
// the pool's connections opened before the clock starts, as Tandem's are
await Promise.all(Array.from({ length: 20 }, () => database.pool.query('select 1')));

const intervalMs = (Number(chunkBytes) / Number(bytesPerSecond)) * 1000;
const pg = () => (postmaster ? postgresCpuSeconds(Number(postmaster)) : NaN);
const cpuBefore = process.cpuUsage();
const pgBefore = pg();
const started = performance.now();
const until = started + Number(seconds) * 1000;
let bytes = 0;
let waiting = 0;
const maxWaiting = 40;
const inFlight: Promise<void>[] = [];
for (let k = 0; ; k++) {
  const due = started + k * intervalMs;
  if (due >= until) break;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  // a writer that falls behind drops chunks rather than queue without end (what is taken is counted)
  if (waiting >= maxWaiting) continue;
  waiting++;
  inFlight.push(
    database.pool.query('insert into bench_raw_chunks (data) values ($1)', [bodies[k % bodies.length]]).then(() => {
      waiting--;
      bytes += Number(chunkBytes);
    }),
  );
}
await Promise.all(inFlight);
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const pgSeconds = pg() - pgBefore;
console.log(
  JSON.stringify({
    seconds: elapsed,
    bytes,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    postgresCpuSeconds: Number.isFinite(pgSeconds) ? pgSeconds : null,
  }),
);
await database.pool.query('drop table bench_raw_chunks');
await database.close();
