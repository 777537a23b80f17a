import { z } from 'zod';
import { coded, type Problem } from '../field-problems.js';

/**
 * Text PostgreSQL cannot store: a NUL character (U+0000) — refused in `text` and `jsonb` — and an
 * unpaired UTF-16 surrogate (U+D800–U+DFFF alone), which is not Unicode at all. Both are refused
 * where input arrives, so they never reach a query.
 */
const nul = /\u0000/;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const unstorableMessages = {
  nul: 'Remove the NUL character (U+0000): it cannot be stored.',
  surrogate: 'This text holds a broken character (an unpaired UTF-16 surrogate); send valid Unicode.',
} as const;

/** Why this text cannot be stored, or null when it can. */
export function unstorableProblem(text: string): string | null {
  if (nul.test(text)) return unstorableMessages.nul;
  if (loneSurrogate.test(text)) return unstorableMessages.surrogate;
  return null;
}

/** No request Tandem takes nests this deep; deeper input is refused before any schema walks it. */
export const maxInputDepth = 64;

interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
  depth: number;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let v: Visit | null = visit; v && v.key !== null; v = v.parent) path.push(v.key);
  return path.reverse();
}

/**
 * Every string (and object key) of a parsed JSON value, query or path that cannot be stored, with
 * its path; a value nested beyond `maxInputDepth` is refused as such. Iterative, with paths built
 * only for what is found: a deeply nested body cannot exhaust the stack.
 */
export function unstorableFields(value: unknown): { path: (string | number)[]; message: string; problem: Problem }[] {
  const found: { path: (string | number)[]; message: string; problem: Problem }[] = [];
  const pending: Visit[] = [{ value, key: null, parent: null, depth: 0 }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const item = visit.value;
    if (visit.depth > maxInputDepth) {
      found.push({
        path: pathOf(visit),
        message: `Nested more than ${maxInputDepth} levels deep.`,
        problem: { code: 'too_deep', params: { max: maxInputDepth } },
      });
      break;
    }
    if (typeof item === 'string') {
      const message = unstorableProblem(item);
      if (message) found.push({ path: pathOf(visit), message, problem: { code: 'unstorable_text' } });
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--)
        pending.push({ value: item[i], key: i, parent: visit, depth: visit.depth + 1 });
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item).reverse()) {
        const keyProblem = unstorableProblem(key);
        if (keyProblem)
          found.push({ path: [...pathOf(visit), '(key)'], message: keyProblem, problem: { code: 'unstorable_text' } });
        else pending.push({ value: child, key, parent: visit, depth: visit.depth + 1 });
      }
    }
  }
  return found;
}

/** Accepts anything whose strings can all be stored; put in front of a schema with `.pipe()`. */
export const storableInput = z.unknown().superRefine((value, ctx) => {
  for (const f of unstorableFields(value))
    ctx.addIssue({
      code: 'custom',
      path: f.path,
      message: f.message,
      params: { code: f.problem.code, ...f.problem.params },
    });
});

/** A string schema that also refuses NUL characters and unpaired surrogates. */
export function storable<T extends z.ZodType<string, string>>(schema: T) {
  return schema.refine((s) => unstorableProblem(s) === null, {
    params: coded('unstorable_text'),
    error: (issue) => unstorableProblem(String(issue.input)) ?? 'Invalid text',
  });
}
