import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { only } from '../../support/builders/index.js';

/**
 * Tables whose content a refused request must leave exactly as it was. Sessions and sign-in
 * counters are left out: reading them is part of every request (last-seen times).
 */
const ignored = new Set(['sessions', 'sign_in_throttle', '__drizzle_migrations']);

/** The statement that digests every business table, made once per database (the tables do not change). */
const statements = new WeakMap<Db, Promise<SQL>>();

async function digestStatement(db: Db): Promise<SQL> {
  const tables = await db.execute<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const digests = tables.rows
    .filter(({ name }) => !ignored.has(name))
    .map(({ name }) => {
      const column =
        name === 'api_tokens' ? sql.raw(`(t.id, t.name, t.revoked_at, t.expires_at)::text`) : sql.raw('t::text');
      return sql`${name} || ':' || coalesce((select md5(string_agg(${column}, '|' order by ${column})) from ${sql.identifier(name)} t), 'empty')`;
    });
  return sql`select concat_ws(E'\n', ${sql.join(digests, sql`, `)}) as digest`;
}

/** A digest of every business table, in one statement, to prove that a denied write changed nothing. */
export async function fingerprint(db: Db): Promise<string> {
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = digestStatement(db)));
  const result = await db.execute<{ digest: string }>(await statement);
  return only(result.rows).digest;
}
