import type { TFunction } from 'i18next';
import { applyFieldErrors, errorText } from '../api/errors.js';

/** The minimal surface of a Mantine form that server problems are put on. */
export type ProblemForm = Parameters<typeof applyFieldErrors>[0];

export interface ProblemOptions {
  /**
   * The form field of an API field whose name differs (e.g. `{ recipientContactIds: 'recipients' }`), or of a
   * whole API path (e.g. `{ 'quietHours.end': 'quietEnd' }`).
   */
  formFieldOf?: Record<string, string>;
  /** The text of an error that is not about fields; `errorText` unless told otherwise. */
  errorMessage?: (error: unknown) => string;
}

/**
 * What a failed submission shows: a `validation_failed` answer's field problems go on their
 * fields and those matching no field are returned; any other error is returned as one text.
 * The returned list is what the form shows above its fields (empty when every problem found its field).
 */
export function formProblems(
  form: ProblemForm,
  error: unknown,
  t: TFunction,
  language: string,
  locale: string,
  options: ProblemOptions = {},
): string[] {
  const unmatched = applyFieldErrors(form, error, t, language, options.formFieldOf);
  if (unmatched) return unmatched;
  return [options.errorMessage ? options.errorMessage(error) : errorText(t, error, locale)];
}
