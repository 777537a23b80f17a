import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';

/**
 * Tables whose content a refused request must leave exactly as it was. Sessions and sign-in
 * counters are left out: reading them is part of every request (last-seen times).
 */
const ignored = new Set(['sessions', 'sign_in_throttle', '__drizzle_migrations']);

/** One digest per business table, all in one statement (the tables are listed once per run). */
let digestQuery: SQL | undefined;

async function buildDigestQuery(db: Db): Promise<SQL> {
  const tables = await db.execute<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const parts = tables.rows
    .filter(({ name }) => !ignored.has(name))
    .map(({ name }) => {
      const column =
        name === 'api_tokens' ? sql.raw(`(t.id, t.name, t.revoked_at, t.expires_at)::text`) : sql.raw('t::text');
      return sql`select ${name} as name, md5(string_agg(${column}, '|' order by ${column})) as digest from ${sql.identifier(name)} t`;
    });
  return sql`${sql.join(parts, sql` union all `)} order by name`;
}

/** A digest of every business table, to prove that a denied write changed nothing. */
export async function fingerprint(db: Db): Promise<string> {
  digestQuery ??= await buildDigestQuery(db);
  const result = await db.execute<{ name: string; digest: string | null }>(digestQuery);
  return result.rows.map((row) => `${row.name}:${row.digest ?? 'empty'}`).join('\n');
}
