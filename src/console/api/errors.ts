import type { TFunction } from 'i18next';
import { limits } from '../../shared/limits.js';
import { ApiError, type ClientErrorCode } from './client.js';
import { guessablePassword } from '../../shared/password-strength.js';
import {
  isFieldProblemCode,
  problemValues,
  type FieldProblem,
  type FieldProblemCode,
} from '../../shared/field-problems.js';

/** Human text for an error code, in the UI language. */
export function errorCodeText(t: TFunction, code: ClientErrorCode): string {
  return t(`errors.${code}`);
}

/** Human text for any error thrown while talking to the server. */
export function errorText(t: TFunction, error: unknown, locale?: string): string {
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited' && error.retryAfterSeconds !== undefined) {
      return t('errors.rate_limited_retry', { duration: waitDuration(error.retryAfterSeconds, locale) });
    }
    return errorCodeText(t, error.code);
  }
  return t('errors.unexpected');
}

/** "3 minutes" / "3 minutes", "1 minute" / "1 minute", or seconds under a minute, localised by Intl. */
export function waitDuration(seconds: number, locale = 'en'): string {
  if (seconds < 60) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(
      Math.max(1, Math.ceil(seconds)),
    );
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(
    Math.ceil(seconds / 60),
  );
}

/**
 * A field problem in the UI language: its code translated (`validation.<code>`), its params
 * interpolated with numbers and lists localised. A code this console does not know (a newer
 * server) reads as a generic "not valid".
 */
export function fieldProblemText(
  t: TFunction,
  problem: Pick<FieldProblem, 'code' | 'params'>,
  language: string,
): string {
  if (!isFieldProblemCode(problem.code)) return t('validation.invalid_value');
  // every code has its text in each language (src/console/i18n.test.ts)
  const translate = t as unknown as (key: `validation.${FieldProblemCode}`, values: Record<string, string>) => string;
  return translate(`validation.${problem.code}`, problemValues(problem.params, language));
}

/** The minimal surface of a Mantine form this module needs. */
interface FormLike {
  setFieldError: (path: never, error: React.ReactNode) => void;
  getValues: () => object;
}

/**
 * Puts each field problem of a `validation_failed` error on its form field.
 * Returns the problems that match no field (to show above the form), or null when the
 * error is not a validation error. `formFieldOf` names the form field of an API field whose
 * name differs (e.g. the API's `recipientContactIds`, the form's `recipients`), or of a whole
 * API path (the API's `quietHours.end`, the form's `quietEnd`).
 */
export function applyFieldErrors(
  form: FormLike,
  error: unknown,
  t: TFunction,
  language: string,
  formFieldOf: Record<string, string> = {},
): string[] | null {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return null;
  const values = form.getValues() as Record<string, unknown>;
  const unmatched: string[] = [];
  for (const problem of error.fieldProblems) {
    const text = fieldProblemText(t, problem, language);
    const own = formFieldOf[problem.path];
    if (own !== undefined && own in values) {
      (form.setFieldError as (path: string, error: string) => void)(own, text);
      continue;
    }
    const [apiField = '', ...rest] = problem.path.split('.');
    const field = formFieldOf[apiField] ?? apiField;
    if (field && field in values) {
      (form.setFieldError as (path: string, error: string) => void)(
        problem.path in values ? problem.path : fieldPathOf(values, field, rest),
        text,
      );
    } else {
      unmatched.push(problem.path ? `${problem.path}: ${text}` : text);
    }
  }
  return unmatched;
}

/**
 * The form path a problem goes on: as deep into the form's values as the problem's path goes
 * (`methods.1.value` on the second method's value input), stopping at a list of plain values
 * (`companyIds.2` on the `companyIds` field, the one input that shows them).
 */
function fieldPathOf(values: Record<string, unknown>, field: string, rest: string[]): string {
  let path = field;
  let current = values[field];
  for (const segment of rest) {
    if (current === null || typeof current !== 'object') break;
    const next = (current as Record<string, unknown>)[segment];
    if (next === undefined || (Array.isArray(current) && (next === null || typeof next !== 'object'))) break;
    path = `${path}.${segment}`;
    current = next;
  }
  return path;
}

/** Client-side validators with translated messages; the server checks again. */
export function validators(t: TFunction) {
  return {
    required: (value: string) => (value.trim() ? null : t('validation.required')),
    email: (value: string) => {
      if (!value.trim()) return t('validation.required');
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : t('validation.invalid_email');
    },
    newPassword: (value: string) => {
      if (!value) return t('validation.required');
      if (value.length < limits.passwordMin) return t('validation.too_short', { min: limits.passwordMin });
      if (guessablePassword(value)) return t('validation.guessable_password');
      return null;
    },
    confirm: (value: string, password: string) => {
      if (!value) return t('validation.required');
      return value === password ? null : t('validation.passwordsDiffer');
    },
  };
}
