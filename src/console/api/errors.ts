import type { TFunction } from 'i18next';
import { limits } from '../../shared/limits.js';
import { ApiError, type ClientErrorCode } from './client.js';
import { guessablePassword } from '../../shared/password-strength.js';

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
 * The server's validation messages are English; the ones the shared contracts define are
 * translated here, others are replaced by a generic message outside English.
 */
export function fieldProblemText(t: TFunction, message: string, language: string): string {
  if (message === 'Required') return t('validation.required');
  if (message === 'Enter a valid e-mail address') return t('validation.email');
  if (message === 'Choose a date in the future') return t('validation.futureDate');
  if (message === 'Unknown time zone') return t('validation.timeZone');
  if (/^Too small: expected string to have >=1 characters?$/.test(message)) return t('validation.required');
  const max = /^Too big: expected string to have <=(\d+) characters?$/.exec(message);
  if (max) return t('validation.maxLength', { max: Number(max[1]) });
  const min = /^Use at least (\d+) characters$/.exec(message);
  if (min) return t('validation.minLength', { min: Number(min[1]) });
  return language === 'en' ? message : t('validation.invalid');
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
 * name differs (e.g. the API's `recipientContactIds`, the form's `recipients`).
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
    const text = fieldProblemText(t, problem.message, language);
    const apiField = problem.path.split('.')[0]!;
    const field = formFieldOf[apiField] ?? apiField;
    if (field && field in values) {
      (form.setFieldError as (path: string, error: string) => void)(
        problem.path in values ? problem.path : field,
        text,
      );
    } else {
      unmatched.push(problem.path ? `${problem.path}: ${text}` : text);
    }
  }
  return unmatched;
}

/** Client-side validators with translated messages; the server checks again. */
export function validators(t: TFunction) {
  return {
    required: (value: string) => (value.trim() ? null : t('validation.required')),
    email: (value: string) => {
      if (!value.trim()) return t('validation.required');
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : t('validation.email');
    },
    newPassword: (value: string) => {
      if (!value) return t('validation.required');
      if (value.length < limits.passwordMin) return t('validation.minLength', { min: limits.passwordMin });
      if (guessablePassword(value)) return t('validation.guessablePassword');
      return null;
    },
    confirm: (value: string, password: string) => {
      if (!value) return t('validation.required');
      return value === password ? null : t('validation.passwordsDiffer');
    },
  };
}
