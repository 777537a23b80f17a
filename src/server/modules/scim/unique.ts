import { ScimError } from './errors.js';

/** True for PostgreSQL's unique violation of this index, however wrapped. */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (
    let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (e.code === '23505' && e.constraint === constraint) return true;
  }
  return false;
}

export const uniqueness = (detail: string) => new ScimError(409, detail, 'uniqueness');

/** Runs a write; a race on a unique index becomes SCIM's 409 `uniqueness`, as the early check answers. */
export async function translatingUniqueness<T>(constraint: string, detail: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw uniqueness(detail);
    throw error;
  }
}
