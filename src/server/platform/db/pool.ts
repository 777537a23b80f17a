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
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  const db = drizzle(pool) as Db;
  return { url, pool, db, close: () => pool.end() };
}
