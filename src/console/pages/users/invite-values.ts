import type { TFunction } from 'i18next';
import type { FieldProblem } from '../../../shared/field-problems.js';
import { limits } from '../../../shared/limits.js';
import type { Language } from '../../../shared/locales.js';
import type { Role } from '../../../shared/permissions.js';
import { ApiError } from '../../api/client.js';
import { fieldProblemText } from '../../api/errors.js';
import { currentLanguage } from '../../i18n.js';

export interface InviteValues {
  emails: string;
  name: string;
  role: Role;
  access: 'all' | 'chosen';
  companyIds: string[];
  language: Language;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The addresses typed in the box (spaces, commas or semicolons between them), lower case, once each. */
export const splitEmails = (text: string) => [
  ...new Set(
    text
      .split(/[\s,;]+/)
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  ),
];

/** The form's own checks: addresses, the name of one person, at least one company when chosen. */
export function inviteRules(t: TFunction, required: (value: string) => string | null) {
  return {
    emails: (value: string) => {
      const list = splitEmails(value);
      if (list.length === 0) return t('validation.required');
      const bad = list.filter((e) => !emailPattern.test(e) || e.length > limits.email);
      if (bad.length) return t('users.invite.badEmails', { emails: bad.join(', ') });
      if (list.length > limits.inviteBatch) return t('users.invite.tooMany', { max: limits.inviteBatch });
      return null;
    },
    name: (value: string, values: InviteValues) => (splitEmails(values.emails).length === 1 ? required(value) : null),
    companyIds: (value: string[], values: InviteValues) =>
      values.role !== 'administrator' && values.access === 'chosen' && value.length === 0
        ? t('users.access.chooseOne')
        : null,
  };
}

/**
 * The server's field problems on the form's fields: taken or repeated addresses named in the
 * e-mails box, the companies and the name on theirs; `rest` is what matches no field.
 */
export function inviteProblems(
  t: TFunction,
  error: ApiError & { details: unknown[] },
  list: string[],
): { fields: Partial<Record<keyof InviteValues, string>>; rest: string[] } {
  const details = error.details as FieldProblem[];
  const fields: Partial<Record<keyof InviteValues, string>> = {};
  const emailProblems = details.filter((d) => d.path === 'email' || /^people\.\d+\.email$/.test(d.path));
  if (emailProblems.length) {
    const named = emailProblems.map((d) => list[Number(/^people\.(\d+)/.exec(d.path)?.[1] ?? 0)]).filter(Boolean);
    fields.emails =
      error.code === 'conflict'
        ? t('users.invite.taken', { emails: named.join(', ') })
        : t('users.invite.duplicates', { emails: named.join(', ') });
  }
  const companyProblem = details.find((d) => d.path.startsWith('companyIds'));
  if (companyProblem) fields.companyIds = fieldProblemText(t, companyProblem, currentLanguage());
  const nameProblem = details.find((d) => d.path === 'name');
  if (nameProblem) fields.name = fieldProblemText(t, nameProblem, currentLanguage());
  const rest = details.filter((d) => !emailProblems.includes(d) && d !== companyProblem && d !== nameProblem);
  return { fields, rest: rest.map((d) => `${d.path}: ${fieldProblemText(t, d, currentLanguage())}`) };
}

/** An error whose details are the server's field problems. */
export const hasFieldProblems = (error: unknown): error is ApiError & { details: unknown[] } =>
  error instanceof ApiError && Array.isArray(error.details);
