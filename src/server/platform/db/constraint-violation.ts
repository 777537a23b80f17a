/** PostgreSQL's error under a driver's or the ORM's wrapping (`cause`s), or null when there is none. */
function postgresError(error: unknown): { code: string; constraint?: string } | null {
  for (
    let e = error as { code?: unknown; constraint?: string; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return { code: e.code, constraint: e.constraint };
  }
  return null;
}

/** True for PostgreSQL's unique violation of this index (constraint name), however wrapped in `cause`s. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const found = postgresError(error);
  return found?.code === '23505' && found.constraint === constraint;
}

/** True for a foreign key violation (a row still referenced, or a reference to none), however wrapped. */
export function isForeignKeyViolation(error: unknown): boolean {
  return postgresError(error)?.code === '23503';
}
