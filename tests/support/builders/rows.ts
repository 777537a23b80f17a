import type { SQL } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';

/** The one row a query should have found; throws a message naming what was missing or doubled. */
export function only<T>(rows: readonly T[], what = 'row'): T {
  if (rows.length !== 1) throw new Error(`expected exactly one ${what}, found ${rows.length}`);
  return rows[0] as T;
}

/** The first row of a query that should have found at least one. */
export function first<T>(rows: readonly T[], what = 'row'): T {
  if (rows.length === 0) throw new Error(`expected at least one ${what}, found none`);
  return rows[0] as T;
}

/** The row at `index`; throws when the list is shorter. */
export function nth<T>(rows: readonly T[], index: number, what = 'row'): T {
  if (index >= rows.length) throw new Error(`expected a ${what} at position ${index}, found ${rows.length}`);
  return rows[index] as T;
}

/** The `n` of a `select count(*)::int as n …` statement: for assertions that count rows. */
export async function countOf(db: Db, statement: SQL): Promise<number> {
  const result = await db.execute<{ n: number }>(statement);
  return only(result.rows, 'count').n;
}

/** The first group `pattern` captures in `text`; throws, showing the text, when it does not match. */
export function captured(pattern: RegExp, text: string): string {
  const group = pattern.exec(text)?.[1];
  if (group === undefined) throw new Error(`${pattern} does not match: ${text.slice(0, 300)}`);
  return group;
}
