import { sql } from 'drizzle-orm';
import { runMigrations } from '../../platform/db/migrate.js';
import { oneRow } from '../../platform/db/one-row.js';
import type { Db } from '../../platform/db/pool.js';
import { writeLine, type CliIo } from '../io.js';
import { parseOptions } from '../options.js';
import { runWithDatabase } from '../run-with-database.js';

/** How many migrations the database has recorded (drizzle's journal table), 0 on a fresh database. */
export async function appliedMigrations(db: Db): Promise<number> {
  const table = await db.execute<{ exists: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`,
  );
  if (!oneRow(table.rows, 'looking for the migrations journal').exists) return 0;
  const result = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return oneRow(result.rows, 'counting applied migrations').n;
}

export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  parseOptions(args, {});
  const { before, after } = await runWithDatabase(
    io,
    async ({ db, url }) => {
      const before = await appliedMigrations(db);
      await runMigrations(url);
      return { before, after: await appliedMigrations(db) };
    },
    { migrate: false },
  );
  const applied = after - before;
  writeLine(
    io.stdout,
    applied === 0
      ? `database already up to date (${after} migrations)`
      : `applied ${applied} migration(s); database up to date (${after} migrations)`,
  );
  return 0;
}
