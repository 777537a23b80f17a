import type { ErrorCode } from '../../../shared/errors.js';
import type { FieldProblem, PlainProblemCode, Problem } from '../../../shared/field-problems.js';
import type { RefusalDetails } from '../../../shared/refusals.js';
import { httpStatusOf } from '../../../shared/errors.js';

/** The one error type services throw; the error handler turns it into the JSON error body. */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[] | RefusalDetails,
    readonly headers?: Record<string, string>,
    /** another status than the code's own (a 422 of field problems) */
    status?: number,
  ) {
    super(message);
    this.statusCode = status ?? httpStatusOf[code];
  }
}

export const notFound = (what = 'This object') =>
  new AppError('not_found', `${what} does not exist or you cannot see it.`);
export const forbidden = (message = 'Your role does not allow this action.') => new AppError('forbidden', message);
export const conflict = (message: string, details?: RefusalDetails) => new AppError('conflict', message, details);
/** One field problem: its path, its code (with params where it has some) and an English sentence. */
export const fieldProblem = (path: string, problem: PlainProblemCode | Problem, message: string): FieldProblem => ({
  path,
  ...((typeof problem === 'string' ? { code: problem } : problem) as Problem),
  message,
});

/** A 400 about one field, e.g. `fieldError('timeZone', 'unknown_time_zone', 'Unknown time zone')`. */
export const fieldError = (path: string, problem: PlainProblemCode | Problem, message: string) =>
  new AppError('validation_failed', 'Some fields are not valid.', [fieldProblem(path, problem, message)]);

/** A 422 about one field: well-formed, but refused by a limit that applies to it (a file over the size limit). */
export const unprocessableField = (path: string, problem: PlainProblemCode | Problem, message: string) =>
  new AppError(
    'validation_failed',
    'A field is beyond what is allowed.',
    [fieldProblem(path, problem, message)],
    undefined,
    422,
  );

/** A 400 about several fields. @public */
export const fieldErrors = (problems: FieldProblem[], message = 'Some fields are not valid.') =>
  new AppError('validation_failed', message, problems);
