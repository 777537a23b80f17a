/**
 * The one row a statement always answers (an aggregate without `group by`, an insert's or an update's
 * `returning` of a row known to exist); its absence is a bug, thrown as such with what was asked.
 */
export function oneRow<T>(rows: readonly T[], what: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`${what}: the statement answered no row`);
  return row;
}
