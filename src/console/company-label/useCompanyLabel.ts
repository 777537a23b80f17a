import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyLabel } from '../../shared/contracts/accounts.js';
import type { Language } from '../../shared/locales.js';
import { useMe } from '../session/api.js';
import { isLanguage } from '../i18n.js';
import type { ConfigurePage } from '../navigation.js';
import { lowerWords } from '../../shared/i18n/company-words.js';

/** The account's word for "company" (general.companyLabel), in the UI language. */
export interface CompanyWords {
  singular: string;
  plural: string;
  /** the same words for the middle of a sentence */
  singularLower: string;
  pluralLower: string;
  /** the account chose its own words: sentences then use their neutral `_custom` variants */
  isCustom: boolean;
}

export function companyWords(
  label: CompanyLabel | null | undefined,
  language: Language,
  defaults: { singular: string; plural: string },
): CompanyWords {
  const chosen = label?.[language];
  const singular = chosen?.singular ?? defaults.singular;
  const plural = chosen?.plural ?? defaults.plural;
  return {
    singular,
    plural,
    singularLower: lowerWords(singular, language),
    pluralLower: lowerWords(plural, language),
    isCustom: Boolean(chosen),
  };
}

/**
 * `{singular, plural}` for "company" in the current language: the account's own words when it
 * chose some, else the translated defaults ("Company" / « Société »).
 */
export function useCompanyLabel(): CompanyWords {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const resolved = i18n.resolvedLanguage ?? i18n.language;
  const language: Language = isLanguage(resolved) ? resolved : 'en';
  const label = me?.account.companyLabel ?? null;
  const defaultSingular = t('companyLabel.defaultSingular');
  const defaultPlural = t('companyLabel.defaultPlural');
  return useMemo(
    () => companyWords(label, language, { singular: defaultSingular, plural: defaultPlural }),
    [label, language, defaultSingular, defaultPlural],
  );
}

/** Options for a string that names companies: its words, and the neutral variant for chosen words. */
export function labelOptions(words: CompanyWords) {
  return {
    singular: words.singular,
    plural: words.plural,
    singularLower: words.singularLower,
    pluralLower: words.pluralLower,
    ...(words.isCustom ? { context: 'custom' } : {}),
  };
}

/** The name of a Configure page, with the account's word for companies. */
export function usePageName(): (page: ConfigurePage) => string {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  return (page) => (page === 'companies' ? words.plural : t(`nav.${page}`));
}

/** The home page's line about a Configure page, with the account's word for companies. */
export function usePageBlurb(): (page: ConfigurePage) => string {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  return (page) => (page === 'companies' ? t('companyLabel.homeCard', labelOptions(words)) : t(`home.cards.${page}`));
}
