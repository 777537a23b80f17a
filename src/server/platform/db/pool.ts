import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

export type Db = NodePgDatabase<Record<string, never>>;
/** A transaction handle; repositories accept either a Db or a Tx. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Queryable = Db | Tx;

export interface Database {
  /** the connection string, for dedicated connections (LISTEN) */
  url: string;
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

export interface PoolOptions {
  max?: number;
  onError?: (err: Error) => void;
}

/**
 * Opens a pool. Every pool and client has an error listener, so a database restart
 * fails the requests in flight but never kills the process.
 */
export function openDatabase(url: string, options: PoolOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    application_name: 'tandem',
  });
  const onError = options.onError ?? (() => {});
  // every connection until its socket has closed: `pool.end()` resolves once it has asked each to
  // end, and a server stopped right after would cut the ones still ending (an error each)
  const open = new Set<pg.PoolClient>();
  pool.on('error', onError);
  pool.on('connect', (client) => {
    open.add(client);
    client.on('error', onError);
    client.once('end', () => open.delete(client));
  });
  const db = drizzle(pool) as Db;
  const close = async () => {
    await pool.end();
    const ending = [...open].map((client) => new Promise((resolve) => client.once('end', resolve)));
    // a connection that does not say it ended within seconds is not waited for longer
    await Promise.race([Promise.all(ending), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  };
  return { url, pool, db, close };
}
