import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openDatabase, type Database } from '../../src/server/platform/db/pool.js';
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
