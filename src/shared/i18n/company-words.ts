/**
 * The account's word for companies inside strings: `{{companyWord}}`, `{{companiesWord}}` and their
 * `…Lower` forms. The console fills them for every string (company-label/variables.ts); text the
 * server writes from the same strings (report columns and chart titles) is filled here.
 */
import type { CompanyLabel } from '../contracts/accounts.js';
import type { Language } from '../locales.js';

/** Lower-cases a word for use inside a sentence, but leaves acronyms ("BU", "IT") alone. */
export function lowerWords(text: string, language: string): string {
  return text
    .split(/(\s+)/)
    .map((word) =>
      word.length > 1 && word === word.toLocaleUpperCase(language) && word !== word.toLocaleLowerCase(language)
        ? word
        : word.toLocaleLowerCase(language),
    )
    .join('');
}

/** The four variables, from the account's words in `language` or else the built-in ones. */
export function companyWordValues(
  label: CompanyLabel | null | undefined,
  language: Language,
  defaults: { singular: string; plural: string },
): Record<'companyWord' | 'companiesWord' | 'companyWordLower' | 'companiesWordLower', string> {
  const chosen = label?.[language] ?? defaults;
  return {
    companyWord: chosen.singular,
    companiesWord: chosen.plural,
    companyWordLower: lowerWords(chosen.singular, language),
    companiesWordLower: lowerWords(chosen.plural, language),
  };
}

/** Every string of `strings` (any depth) with the company-word variables filled, the others left. */
export function fillCompanyWords<T>(strings: T, values: Record<string, string>): T {
  const fill = (node: unknown): unknown =>
    typeof node === 'string'
      ? node.replace(
          /\{\{\s*(company(?:ies)?Word(?:Lower)?|companiesWord(?:Lower)?)\s*\}\}/g,
          (_, k: string) => values[k] ?? '',
        )
      : node && typeof node === 'object'
        ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]))
        : node;
  return fill(strings) as T;
}
