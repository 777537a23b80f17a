import type { Language } from '../../shared/locales.js';
import { PortalApiError } from '../api.js';
import { fieldProblemText } from '../field-problems.js';
import type { Translate } from '../i18n.js';

/** A problem on each field of the code form. */
export interface CodeProblems {
  code?: string;
  name?: string;
}

export interface JoinRefusal {
  problems: CodeProblems;
  /** said above the form: nothing on a field to fix */
  failure: string | null;
}

/**
 * What a refused join says, in the portal's language: the server's field problems on their fields
 * (a problem on the name means the session wants one), an unknown code on the code field, a 429 with
 * its wait in minutes, a lost connection, anything else as a server problem.
 */
export function joinRefusal(error: unknown, t: Translate, language: Language, locale: string): JoinRefusal {
  if (!(error instanceof PortalApiError)) return { problems: {}, failure: t('code.errors.server') };
  const fieldProblems = error.fieldProblems;
  if (fieldProblems.length > 0) {
    const problems: CodeProblems = {};
    for (const p of fieldProblems) {
      if (p.path === 'name' || p.path === 'code') problems[p.path] ??= fieldProblemText(p, language, locale);
    }
    const onFields = problems.code !== undefined || problems.name !== undefined;
    return { problems, failure: onFields ? null : t('code.errors.server') };
  }
  if (error.status === 404) return { problems: { code: t('code.errors.notFound') }, failure: null };
  if (error.status === 429) {
    const minutes = error.retryAfterSeconds === null ? null : Math.ceil(error.retryAfterSeconds / 60);
    return {
      problems: {},
      failure: minutes === null ? t('code.errors.rateLimited') : t('code.errors.rateLimitedFor', { count: minutes }),
    };
  }
  if (error.code === 'network') return { problems: {}, failure: t('code.errors.network') };
  return { problems: {}, failure: t('code.errors.server') };
}
