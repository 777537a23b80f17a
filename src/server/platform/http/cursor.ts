import { fieldError } from './app-error.js';

/** Keyset-pagination cursors: the sort key of the last item, opaque to clients. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor of `arity` string/number parts; a malformed one is a 400, never a 500. */
export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through
  }
  throw fieldError('query.cursor', 'This cursor is not one Tandem gave; start from the first page.');
}

/**
 * One page out of the `limit + 1` rows a keyset query fetched: the first `limit` rows, and the
 * cursor of the last of them when a further row shows that more follow.
 */
export function splitPage<R>(rows: readonly R[], limit: number, keyOf: (last: R) => readonly (string | number)[]): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
