import { sql } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { only } from '../../support/builders/index.js';

/**
 * Tables whose content a refused request must leave exactly as it was. Sessions and sign-in
 * counters are left out: reading them is part of every request (last-seen times).
 */
const ignored = new Set(['sessions', 'sign_in_throttle', '__drizzle_migrations']);

/** A digest of every business table, to prove that a denied write changed nothing. */
export async function fingerprint(db: Db): Promise<string> {
  const tables = await db.execute<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    if (ignored.has(name)) continue;
    const column =
      name === 'api_tokens' ? sql.raw(`(t.id, t.name, t.revoked_at, t.expires_at)::text`) : sql.raw('t::text');
    const result = await db.execute<{ digest: string | null }>(
      sql`select md5(string_agg(${column}, '|' order by ${column})) as digest from ${sql.identifier(name)} t`,
    );
    parts.push(`${name}:${only(result.rows).digest ?? 'empty'}`);
  }
  return parts.join('\n');
}
