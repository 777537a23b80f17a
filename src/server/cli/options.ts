import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { UsageError } from './errors.js';

/** The options of one command: all take a value (`--name VALUE` or `--name=VALUE`). */
export type OptionSpec = Record<string, { required: boolean }>;

/**
 * Parses a command's arguments strictly (no unknown option, no stray word, no option without
 * its value) and reports every missing required option; values are validated separately.
 */
export function parseOptions(args: string[], spec: OptionSpec): Record<string, string | undefined> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: Object.fromEntries(Object.keys(spec).map((name) => [name, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new UsageError([parseArgsProblem(err)]);
  }
  const missing = Object.entries(spec)
    .filter(([name, o]) => o.required && values[name] === undefined)
    .map(([name]) => `--${name} is required`);
  if (missing.length > 0) throw new UsageError(missing);
  return values as Record<string, string | undefined>;
}

/** node:util's parseArgs messages, shortened to what a user of this tool needs. */
function parseArgsProblem(err: unknown): string {
  const { code, message } = err as { code?: string; message: string };
  const quoted = /'([^']*)'/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? message}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted ?? message}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = /--[\w-]+/.exec(message)?.[0];
      return option ? `${option} needs a value (write ${option}=VALUE if the value starts with "-")` : message;
    }
    default:
      return message;
  }
}

/** Validates option values with a zod schema keyed by option name; every problem is reported as `--option: message`. */
export function validateOptions<S extends z.ZodType>(schema: S, values: unknown): z.output<S> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  throw new UsageError(
    parsed.error.issues.map((i) => (i.path.length > 0 ? `--${i.path.join('.')}: ${i.message}` : i.message)),
  );
}
