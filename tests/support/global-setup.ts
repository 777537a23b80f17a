import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/server/platform/db/embedded-postgres.js';
import { runMigrations } from '../../src/server/platform/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** connection URL of the server's maintenance database; test files create theirs from the template */
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

/** Replaces the database name of a connection URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Once per test run: a PostgreSQL (embedded in a temporary folder, or the one DATABASE_URL
 * names), and a template database migrated once. Every test file clones the template.
 */
export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stop = async () => {};
  let dataDir: string | undefined;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
    const server = await startEmbeddedPostgres({
      dataDir,
      mode: 'owner',
      extraFlags: ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=300'],
    });
    adminUrl = server.adminUrl('postgres');
    stop = () => server.stop();
  }
  // one per test project: each project runs this setup, and on an external server they share it
  const template = `tandem_template_${process.pid}_${project.name.replace(/\W/g, '_')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  admin.on('error', () => {});
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await runMigrations(withDatabase(adminUrl, template));
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'tandem_t_%' or datname = $1`,
      [template],
    );
    for (const { datname } of leftovers.rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
    await stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
