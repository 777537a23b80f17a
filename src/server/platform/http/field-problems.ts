import type { z } from 'zod';
import { isFieldProblemCode, type FieldProblem, type Problem } from '../../../shared/field-problems.js';
import { problemCodeOfPattern } from '../../../shared/patterns.js';

/** A zod issue, with `missing` set where the value was absent (parsed with `reportInput`, then the input dropped). */
export type IssueLike = z.core.$ZodIssue & { missing?: boolean };

/** A request part (body, query, params, headers) refused by its schema: its issues, without the input. */
export class InvalidInput extends Error {
  constructor(readonly issues: readonly IssueLike[]) {
    super('Some fields are not valid.');
  }
}

const idFormats = new Set([
  'uuid',
  'guid',
  'uuidv4',
  'uuidv6',
  'uuidv7',
  'cuid',
  'cuid2',
  'ulid',
  'nanoid',
  'xid',
  'ksuid',
]);
const dateFormats = new Set(['datetime', 'date', 'time', 'duration']);

function expectedType(expected: string): Problem {
  switch (expected) {
    case 'string':
      return { code: 'not_text' };
    case 'number':
    case 'nan':
    case 'bigint':
      return { code: 'not_a_number' };
    case 'int':
      return { code: 'not_an_integer' };
    case 'boolean':
      return { code: 'not_a_boolean' };
    case 'array':
    case 'tuple':
    case 'set':
      return { code: 'not_a_list' };
    case 'object':
    case 'record':
    case 'map':
      return { code: 'not_an_object' };
    case 'date':
      return { code: 'invalid_date' };
    default:
      return { code: 'invalid_type' };
  }
}

const asNumber = (n: number | bigint) => Number(n);

/**
 * The one map from a zod issue to a field-problem code and its params (see
 * src/shared/field-problems.ts): zod's own checks by their kind, custom ones by the code in
 * their `params`. The issue's English message is kept as the problem's `message`.
 */
export function problemOf(issue: IssueLike): Problem {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.missing) return { code: 'required' };
      return expectedType(issue.expected);
    case 'too_small': {
      const min = asNumber(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { code: 'required' } : { code: 'too_short', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_few', params: { min } };
      return { code: 'too_small', params: { min } };
    }
    case 'too_big': {
      const max = asNumber(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set' || issue.origin === 'file')
        return { code: 'too_many', params: { max } };
      return { code: 'too_big', params: { max } };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'invalid_email' };
      if (issue.format === 'url') return { code: 'invalid_url' };
      if (issue.format === 'e164') return { code: 'invalid_phone' };
      if (idFormats.has(issue.format)) return { code: 'invalid_id' };
      if (dateFormats.has(issue.format)) return { code: 'invalid_date' };
      return { code: problemCodeOfPattern(issue.pattern) } as Problem;
    case 'invalid_value':
      return { code: 'invalid_choice', params: { options: issue.values.map((v) => String(v)) } };
    case 'unrecognized_keys':
      return { code: 'unknown_field' };
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as { code?: unknown };
      if (!isFieldProblemCode(code)) return { code: 'invalid_value' };
      return (Object.keys(params).length > 0 ? { code, params } : { code }) as Problem;
    }
    default:
      return { code: 'invalid_value' };
  }
}

/** A dotted path under an optional prefix (`body` is no prefix: `email`, `query.cursor`). */
export function dottedPath(prefix: string, parts: readonly PropertyKey[]): string {
  const field = parts.map((p) => String(p)).join('.');
  return [prefix, field].filter(Boolean).join('.') || prefix || '(root)';
}

/**
 * Field problems of zod issues, each with its code, params and English message. An object with
 * unknown keys gives one `unknown_field` problem per key, on the key's own path.
 */
export function fieldProblemsOf(issues: readonly IssueLike[], prefix = ''): FieldProblem[] {
  return issues.flatMap((issue): FieldProblem[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: dottedPath(prefix, [...issue.path, key]),
          code: 'unknown_field',
          message: `Unknown field: ${key}`,
        }))
      : [{ path: dottedPath(prefix, issue.path), ...problemOf(issue), message: issue.message }],
  );
}
