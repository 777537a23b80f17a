/**
 * A field problem of the server in the portal's language: its code translated from the shared
 * validation texts (src/shared/i18n/validation.*.json, the console's too), its params
 * interpolated with numbers and lists localised. A code it does not know reads as "not valid".
 */
import en from '../shared/i18n/validation.en.json' with { type: 'json' };
import fr from '../shared/i18n/validation.fr.json' with { type: 'json' };
import { isFieldProblemCode, problemValues, type FieldProblem } from '../shared/field-problems.js';
import type { Language } from '../shared/locales.js';

const texts: Record<Language, Record<string, string>> = { en: en.validation, fr: fr.validation };

export function fieldProblemText(problem: Pick<FieldProblem, 'code' | 'params'>, language: Language, locale: string) {
  const catalogue = texts[language] ?? texts.en;
  const text = (isFieldProblemCode(problem.code) && catalogue[problem.code]) || catalogue.invalid_value || '';
  const values = problemValues(problem.params, locale);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
