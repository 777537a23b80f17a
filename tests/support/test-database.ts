import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openDatabase, type Database, type Db } from '../../src/server/platform/db/pool.js';
import { withDatabase } from './global-setup.js';

/**
 * A fresh database for this test file, cloned from the migrated template; dropped after the file.
 */
export async function createTestDatabase(): Promise<Database & { url: string }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `tandem_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  admin.on('error', () => {});
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('templateDatabase')}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const database = openDatabase(url, { max: 10 });
  afterAll(async () => {
    await database.close();
    const dropper = new pg.Client({ connectionString: adminUrl });
    dropper.on('error', () => {});
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  });
  return { ...database, url };
}

const notifyConnections = sql`from pg_stat_activity where application_name = 'tandem-notify' and datname = current_database()`;

/** Cuts this database's notification (LISTEN) connections, as a network failure or a restart would. */
export async function cutNotifyConnections(db: Db): Promise<void> {
  await db.execute(sql`select pg_terminate_backend(pid) ${notifyConnections}`);
}

/** How many notification (LISTEN) connections this database has now. */
export async function notifyConnectionCount(db: Db): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`select count(*)::int as n ${notifyConnections}`);
  return result.rows[0]?.n ?? 0;
}
