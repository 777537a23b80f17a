import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.js';
import { applyFieldErrors, errorText } from '../../api/errors.js';
import { currentLanguage } from '../../i18n.js';

interface CompanyForm {
  setFieldError: (path: 'name', error: string) => void;
  getValues: () => object;
}

/**
 * A failed create or edit: a taken name on the name field (the server's 409), field problems on
 * their fields, anything else above the form.
 */
export function showCompanyFormError(
  form: CompanyForm,
  error: unknown,
  t: TFunction,
  locale: string,
  setProblems: (problems: string[]) => void,
) {
  if (error instanceof ApiError && error.code === 'conflict') {
    form.setFieldError('name', t('companies.fields.nameTaken'));
    return;
  }
  const unmatched = applyFieldErrors(form as Parameters<typeof applyFieldErrors>[0], error, t, currentLanguage());
  setProblems(unmatched ?? [errorText(t, error, locale)]);
}
