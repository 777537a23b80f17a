import type { PortalFields } from '../../shared/contracts/portals.js';
import { limits } from '../../shared/limits.js';
import type { Translate } from '../i18n.js';

/** What the customer typed, kept as typed until the request is created (and after, when it goes offline). */
export interface Draft {
  name: string;
  email: string;
  question: string;
  phone: string;
  custom: Record<string, string | boolean>;
}

export const emptyDraft: Draft = { name: '', email: '', question: '', phone: '', custom: {} };

export type Problems = Partial<Record<string, string>>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+?[\d\s().-]{6,24}$/;

/** The same rules as the server, checked before sending so the customer hears about them at once. */
export function checkDraft(draft: Draft, fields: PortalFields, t: Translate): Problems {
  const problems: Problems = {};
  const text = (key: string, value: string, max: number, required: boolean) => {
    const v = value.trim();
    if (required && v === '') problems[key] = t('form.errors.required');
    else if (v.length > max) problems[key] = t('form.errors.tooLong', { max });
  };
  text('name', draft.name, limits.name, true);
  text('email', draft.email, limits.email, true);
  if (!problems.email && !emailPattern.test(draft.email.trim())) problems.email = t('form.errors.email');
  if (fields.phone !== 'hidden') {
    text('phone', draft.phone, limits.portalFieldValue, fields.phone === 'required');
    if (!problems.phone && draft.phone.trim() !== '' && !phonePattern.test(draft.phone.trim()))
      problems.phone = t('form.errors.phone');
  }
  for (const field of fields.custom) {
    const value = draft.custom[field.key];
    const key = `fields.${field.key}`;
    if (field.type === 'checkbox') {
      if (field.required && value !== true) problems[key] = t('form.errors.required');
    } else if (field.type === 'choice') {
      const v = typeof value === 'string' ? value : '';
      if (field.required && v === '') problems[key] = t('form.errors.required');
      else if (v !== '' && !(field.options ?? []).includes(v)) problems[key] = t('form.errors.choice');
    } else {
      text(key, typeof value === 'string' ? value : '', limits.portalFieldValue, field.required);
    }
  }
  text('question', draft.question, limits.requestQuestion, true);
  return problems;
}

/** The request body: only fields that were asked and answered. */
export function requestBody(draft: Draft, fields: PortalFields) {
  const answers: Record<string, string | boolean> = {};
  if (fields.phone !== 'hidden' && draft.phone.trim()) answers.phone = draft.phone.trim();
  for (const field of fields.custom) {
    const value = draft.custom[field.key];
    if (field.type === 'checkbox') answers[field.key] = value === true;
    else if (typeof value === 'string' && value.trim() !== '') answers[field.key] = value.trim();
  }
  return {
    name: draft.name.trim(),
    email: draft.email.trim(),
    question: draft.question.trim(),
    ...(Object.keys(answers).length > 0 ? { fields: answers } : {}),
  };
}

/** Server field paths (`body.fields.phone`, `fields.phone`, `email`) as the form's keys. */
export function problemKey(path: string): string {
  const key = path.replace(/^body\./, '');
  return key === 'fields.phone' ? 'phone' : key;
}
