import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/platform/db/pool.js';
import { createTestDatabase } from '../support/test-database.js';

// closed and dropped after the file
const database = await createTestDatabase();

/**
 * Closing the pool: Tandem stops its embedded PostgreSQL right after, so every connection must be
 * gone from the server by then, not only asked to end (each one cut by the server's stop was an
 * error line in the log).
 */
describe('closing a pool', () => {
  it('returns once every connection has left the server', async () => {
    for (let round = 0; round < 5; round++) {
      const pool = openDatabase(database.url, { max: 8 });
      // eight connections at once, each saying which server process it is
      const clients = await Promise.all(Array.from({ length: 8 }, () => pool.pool.connect()));
      const pids = await Promise.all(
        clients.map(
          async (client) => (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid,
        ),
      );
      for (const client of clients) client.release();
      await pool.close();
      const left = await database.pool.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where pid = any($1::int[])',
        [pids],
      );
      expect(left.rows[0]!.n).toBe(0);
    }
  });
});
