import { useEffect, useRef } from 'react';
import i18next from 'i18next';
import type { CompanyLabel } from '../../shared/contracts/accounts.js';
import { defaultLanguage } from '../../shared/locales.js';
import { isLanguage } from '../i18n.js';
import { useMe } from '../session/api.js';
import { companyWords } from './useCompanyLabel.js';

/**
 * The account's word for companies, as interpolation variables every console string can use
 * without its caller passing anything: `{{companyWord}}`, `{{companiesWord}}` and their
 * `…Lower` forms for the middle of a sentence, in the language each string is shown in.
 */

let label: CompanyLabel | null = null;

/** The words the variables give from now on. */
function rememberWords(next: CompanyLabel | null): void {
  label = next;
}

let lastWords: { label: CompanyLabel | null; language: string; words: ReturnType<typeof companyWords> } | null = null;

/** The words now: worked out again only when the account's words or the language changed (every string asks). */
function wordsNow() {
  const shown = i18next.resolvedLanguage ?? i18next.language;
  const language = isLanguage(shown) ? shown : defaultLanguage;
  if (lastWords?.label === label && lastWords.language === language) return lastWords.words;
  // read straight from the catalogue: a t() call here would interpolate these variables again
  const word = (key: string) => String(i18next.getResource(language, 'translation', `companyLabel.${key}`) ?? '');
  const words = companyWords(label, language, { singular: word('defaultSingular'), plural: word('defaultPlural') });
  lastWords = { label, language, words };
  return words;
}

const variables = Object.defineProperties(
  {},
  {
    companyWord: { enumerable: true, get: () => wordsNow().singular },
    companiesWord: { enumerable: true, get: () => wordsNow().plural },
    companyWordLower: { enumerable: true, get: () => wordsNow().singularLower },
    companiesWordLower: { enumerable: true, get: () => wordsNow().pluralLower },
  },
);

/**
 * Keeps the variables on the account's current words (call once, in the signed-in shell): set
 * while rendering, before the pages below read them; a change of words re-renders what is shown.
 */
export function useCompanyWordVariables(): void {
  const { data: me } = useMe();
  const next = me?.account.companyLabel ?? null;
  const interpolation = (i18next.options.interpolation ??= {});
  if (interpolation.defaultVariables !== variables) interpolation.defaultVariables = variables;
  rememberWords(next);
  const seen = useRef(next);
  useEffect(() => {
    if (JSON.stringify(seen.current) === JSON.stringify(next)) return;
    seen.current = next;
    // what is already on screen was drawn with the old words: draw it again
    i18next.emit('languageChanged', i18next.language);
  });
}
