import type { ErrorCode, FieldProblem } from '../../../shared/errors.js';
import { httpStatusOf } from '../../../shared/errors.js';

/** The one error type services throw; the error handler turns it into the JSON error body. */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[] | Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.statusCode = httpStatusOf[code];
  }
}

export const notFound = (what = 'This object') =>
  new AppError('not_found', `${what} does not exist or you cannot see it.`);
export const forbidden = (message = 'Your role does not allow this action.') => new AppError('forbidden', message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError('conflict', message, details);
export const fieldError = (path: string, message: string) =>
  new AppError('validation_failed', 'Some fields are not valid.', [{ path, message }]);
