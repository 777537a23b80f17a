/** True for PostgreSQL's unique violation of this index (constraint name), however wrapped in `cause`s. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (
    let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (e.code === '23505' && e.constraint === constraint) return true;
  }
  return false;
}
