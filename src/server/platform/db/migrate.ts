import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { installJobSchema } from '../jobs/install.js';
import { projectPath } from '../project-root.js';

export const migrationsFolder = projectPath('migrations');

/** Arbitrary constant: the advisory lock every process takes while migrating. */
const MIGRATION_LOCK = 7_261_004;

/**
 * Applies the committed migrations. Safe when several processes start together:
 * they queue on one advisory lock, and the later ones find nothing left to do. Installs the job
 * queue's schema too.
 */
export async function runMigrations(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'tandem-migrate' });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('set client_min_messages = warning');
    await migrate(drizzle(client), { migrationsFolder });
    // the job queue's own schema (pg-boss), so that any transaction can write a job
    await installJobSchema(client);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}
