import { DrizzleQueryError } from 'drizzle-orm';

/** A wrong command line: unknown command or option, missing or invalid value. Exit code 2. */
export class UsageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'UsageError';
  }
}

/** An expected failure with a message meant for the user (unknown e-mail, unknown account). Exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;

export function exitCodeOf(err: unknown): number {
  return err instanceof UsageError ? exitCodes.usage : exitCodes.failure;
}

/**
 * The message of any error, on one line where it can be: the database's own message rather
 * than drizzle's "Failed query: <sql>" wrapper, and never empty (pg's connection errors can
 * be AggregateErrors without a message).
 */
function messageOf(err: unknown): string {
  if (err instanceof DrizzleQueryError && err.cause) return messageOf(err.cause);
  if (err instanceof AggregateError && !err.message) {
    const inner = err.errors.map(messageOf).filter(Boolean);
    if (inner.length > 0) return [...new Set(inner)].join('; ');
  }
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return err.message || code || err.name;
  }
  return String(err);
}

/** The lines printed on standard error for a failure: one `error: …` line per problem; the stack only with DEBUG=1. */
export function errorLines(err: unknown, debug: boolean): string[] {
  const problems = err instanceof UsageError ? err.problems : [messageOf(err)];
  const lines = problems.map((p) => `error: ${p}`);
  if (debug && err instanceof Error && err.stack) lines.push(err.stack);
  return lines;
}
