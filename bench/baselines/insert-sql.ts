/**
 * P4's baseline: raw single-row INSERTs (a row the size of an e-mail notification, in a table of
 * its own) through a pool like Tandem's, at the given concurrency — the least a queued
 * notification must cost. Usage: insert-sql.ts DATABASE_URL SECONDS CONCURRENCY.
 * Prints {"perSecond": n}.
 */
import { openDatabase } from '../../src/server/platform/db/pool.js';

const [url, seconds, concurrency] = process.argv.slice(2) as [string, string, string];
const database = openDatabase(url);
await database.pool.query(
  'create table if not exists bench_inserts (id bigserial primary key, recipient text not null, subject text not null, body text not null, created_at timestamptz not null default now())',
);
const body = 'Hello, this is what a notification e-mail body weighs. '.repeat(20);
let done = 0;
const until = performance.now() + Number(seconds) * 1000;
async function worker() {
  while (performance.now() < until) {
    await database.pool.query('insert into bench_inserts (recipient, subject, body) values ($1, $2, $3)', [
      `r${done}@example.test`,
      `Subject ${done}`,
      body,
    ]);
    done++;
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
console.log(JSON.stringify({ perSecond: done / ((performance.now() - started) / 1000) }));
await database.pool.query('drop table bench_inserts');
await database.close();
