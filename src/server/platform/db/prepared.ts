import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { Queryable } from './pool.js';

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

/** What drizzle's `.prepare(name)` gives: the statement built once, run with its placeholders' values. */
interface PreparedStatement<Row> {
  execute(values?: Record<string, unknown>): Promise<Row>;
}

/**
 * A query built by drizzle with `sql.placeholder(...)` for its values, prepared by name: its SQL
 * is built once per database handle (the pool's lives as long as the process) and each pool
 * connection parses and plans it once. Inside a transaction it is built for that transaction
 * and still runs as the named statement. For the reads that run on every connection or message.
 */
export function preparedQuery<Row>(
  name: string,
  build: (db: Queryable) => { prepare(name: string): PreparedStatement<Row> },
): (db: Queryable, values?: Record<string, unknown>) => Promise<Row> {
  const byHandle = new WeakMap<Queryable, PreparedStatement<Row>>();
  return (db, values) => {
    let statement = byHandle.get(db);
    if (!statement) byHandle.set(db, (statement = build(db).prepare(name)));
    return statement.execute(values);
  };
}
