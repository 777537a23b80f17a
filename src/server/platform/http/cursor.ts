import { z } from 'zod';
import { storableInput } from '../../../shared/contracts/storable-text.js';
import { limits } from '../../../shared/limits.js';
import { fieldError } from './app-error.js';

/** Keyset-pagination cursors: the sort key of the last item, opaque to clients. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

const forged = 'This cursor is not one Tandem gave; start from the first page.';
const otherOrder = 'This cursor belongs to another sort order; start from the first page.';
const int8Max = 2n ** 63n - 1n;
const isoTimestamp = z.iso.datetime({ offset: true });

/**
 * The parts a cursor may hold, each checked as strictly as the SQL that reads it, so a forged
 * cursor of the right shape but the wrong content is a 400 too, never a database error.
 */
export const cursorPart = {
  /** a lower-cased name or other text sort key */
  text: z.string().max(limits.cursor),
  id: z.uuid(),
  /** a `Date#toISOString()` */
  isoTime: z.iso.datetime(),
  /** a timestamptz as PostgreSQL writes it (`2026-01-02 03:04:05.123456+00`), or ISO 8601 */
  pgTime: z
    .string()
    .max(40)
    .refine((s) => isoTimestamp.safeParse(s.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).success),
  /** a bigint written as text (ids, microseconds since 1970) */
  bigint: z.string().refine((s) => /^-?\d{1,19}$/.test(s) && BigInt(s) <= int8Max && BigInt(s) >= -int8Max),
  /** a count (an int column) */
  count: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  /** the sort and order a cursor was made for; another one is refused with its own message */
  sortedBy: (sort: string, order: string) =>
    [z.literal(sort, { error: otherOrder }), z.literal(order, { error: otherOrder })] as const,
};

/**
 * Decodes a cursor into the typed key its list expects (a zod tuple given by the list). Anything
 * else — not base64 JSON, another arity, a part of the wrong type or format, text PostgreSQL
 * cannot store — is a 400 on `query.cursor`, never a 500.
 */
export function decodeCursor<T extends z.ZodTuple>(cursor: string | undefined, key: T): z.output<T> | null {
  if (cursor === undefined || cursor === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fieldError('query.cursor', 'invalid_cursor', forged);
  }
  const result = storableInput.pipe(key).safeParse(parsed);
  if (result.success) return result.data;
  throw fieldError(
    'query.cursor',
    'invalid_cursor',
    result.error.issues.some((i) => i.message === otherOrder) ? otherOrder : forged,
  );
}

/**
 * One page out of the `limit + 1` rows a keyset query fetched: the first `limit` rows, and the
 * cursor of the last of them when a further row shows that more follow.
 */
export function splitPage<R>(
  rows: readonly R[],
  limit: number,
  keyOf: (last: R) => readonly (string | number)[],
): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
