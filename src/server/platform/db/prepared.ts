import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';

const dialect = new PgDialect();

/**
 * Runs a statement as a named prepared statement: each pool connection parses and plans it once,
 * then only executes it (a grouped write with several joins spends more time being planned than
 * run). For the hottest statements only, run outside a transaction. `name` names this statement's
 * text: the same name must always come with the same text (values are parameters).
 */
export async function queryPrepared<Row extends pg.QueryResultRow>(
  pool: pg.Pool,
  name: string,
  query: SQL,
): Promise<Row[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const result = await pool.query<Row>({ name, text, values: params });
  return result.rows;
}
