import { z } from 'zod';

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

/** Every string (and object key) of a parsed JSON value, query or path that cannot be stored, with its path. */
export function unstorableFields(value: unknown, path: (string | number)[] = [], found: { path: (string | number)[]; message: string }[] = []) {
  if (typeof value === 'string') {
    const message = unstorableProblem(value);
    if (message) found.push({ path, message });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableFields(item, [...path, i], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = unstorableProblem(key);
      if (keyProblem) found.push({ path: [...path, '(key)'], message: keyProblem });
      else unstorableFields(item, [...path, key], found);
    }
  }
  return found;
}

/** Accepts anything whose strings can all be stored; put in front of a schema with `.pipe()`. */
export const storableInput = z.unknown().superRefine((value, ctx) => {
  for (const f of unstorableFields(value)) ctx.addIssue({ code: 'custom', path: f.path, message: f.message });
});

/** A string schema that also refuses NUL characters and unpaired surrogates. */
export function storable<T extends z.ZodType<string, string>>(schema: T) {
  return schema.refine((s) => unstorableProblem(s) === null, { error: (issue) => unstorableProblem(String(issue.input)) ?? 'Invalid text' });
}
