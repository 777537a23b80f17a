/**
 * The closed set of error codes a client can receive, in the body
 * `{"error":{"code","message","details"}}`. The console translates by code.
 */
export const errorCodes = [
  'validation_failed',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'invalid_credentials',
  'csrf_failed',
  'forbidden',
  'two_factor_enrolment_required',
  'not_found',
  'upgrade_required',
  'conflict',
  'setup_closed',
  'invalid_setup_token',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const httpStatusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  two_factor_enrolment_required: 403,
  not_found: 404,
  upgrade_required: 426,
  conflict: 409,
  setup_closed: 409,
  invalid_setup_token: 403,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Each field problem: `{ path, code, params?, message }`, the code from a closed set (see field-problems.ts). */
export type { FieldProblem } from './field-problems.js';

import type { FieldProblem } from './field-problems.js';
import type { RefusalDetails } from './refusals.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: FieldProblem[] | RefusalDetails };
}
