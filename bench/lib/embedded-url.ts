import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The address of a running Tandem's embedded PostgreSQL (docs/OPERATIONS.md, Backups): the port
 * is line 4 of postmaster.pid, the password is in postgres-password.
 */
export function embeddedDatabaseUrl(dataDir: string): string {
  const port = readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')
    .split('\n')[3]!
    .trim();
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/tandem`;
}
