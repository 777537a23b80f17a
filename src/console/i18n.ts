import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { translations, type Translation } from '../shared/i18n/index.js';
import { defaultLanguage, languages, type Language } from '../shared/locales.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}

const storageKey = 'tandem.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Language for a signed-out visitor: the last one chosen on this browser, else the browser's. */
export function signedOutLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage may be unavailable (private mode); fall through to the browser language
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return defaultLanguage;
}

function remember(language: Language) {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // ignore: the choice simply won't survive a reload
  }
}

/** The language currently shown. */
export function currentLanguage(): Language {
  const lng = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(lng) ? lng : defaultLanguage;
}

/** Shows the UI in `language` and remembers it on this browser for when no one is signed in. */
export async function applyLanguage(language: Language): Promise<void> {
  remember(language);
  if (currentLanguage() !== language) await i18next.changeLanguage(language);
}

/**
 * A BCP 47 locale for Intl formatting: the browser's regional variant when it speaks the same
 * language (en-GB, fr-CA…), else the bare language.
 */
export function localeFor(language: Language): string {
  const tags = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  const regional = tags.find((tag) => tag.toLowerCase().split('-')[0] === language);
  return regional ?? language;
}

function syncDocument(language: string) {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
}

export function initI18n() {
  i18next.on('languageChanged', syncDocument);
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: translations.en }, fr: { translation: translations.fr } },
    lng: signedOutLanguage(),
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    react: { useSuspense: false },
  });
  syncDocument(currentLanguage());
  return i18next;
}
