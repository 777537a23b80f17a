import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Translation } from '../shared/i18n/index.js';
import { defaultLanguage, languages, type Language } from '../shared/locales.js';
import { languagePart, loadCatalogue } from './translations/index.js';

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

const loaded = new Set<Language>();

/** Fetches `language`'s strings (their own chunk) the first time that language is shown. */
async function loadLanguage(language: Language): Promise<void> {
  if (loaded.has(language)) return;
  i18next.addResourceBundle(language, 'translation', await loadCatalogue(language), true, true);
  loaded.add(language);
}

/** Shows the UI in `language` and remembers it on this browser for when no one is signed in. */
export async function applyLanguage(language: Language): Promise<void> {
  remember(language);
  if (currentLanguage() === language) return;
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}

let knownBrowserLanguages: readonly string[] | null = null;

/**
 * The browser's languages as the server learned them (its Accept-Language: server-entry.tsx
 * renders a page with them); null: ask the browser itself.
 */
export function setKnownBrowserLanguages(tags: readonly string[] | null) {
  knownBrowserLanguages = tags;
}

/**
 * A BCP 47 locale for Intl formatting: the browser's regional variant when it speaks the same
 * language (en-GB, fr-CA…), else the bare language.
 */
export function localeFor(language: Language): string {
  const tags =
    knownBrowserLanguages ?? (typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]));
  const regional = tags.find((tag) => tag.toLowerCase().split('-')[0] === language);
  return regional ?? language;
}

function syncDocument(language: string) {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
}

/** How the console's i18next is set up, in the browser and when the server renders a page. */
export const i18nOptions = {
  fallbackLng: defaultLanguage,
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  react: { useSuspense: false },
} as const;

/** Until a language is shown, only its own name is there (`language.self`, for language pickers). */
export const languageNames = () =>
  Object.fromEntries(languages.map((lng) => [lng, { translation: { language: languagePart(lng) } }]));

/**
 * Starts i18next once its strings have arrived: in the language the server rendered the page in,
 * else the signed-out language.
 */
export async function initI18n(language: Language = signedOutLanguage()) {
  const catalogue = loadCatalogue(language);
  i18next.on('languageChanged', syncDocument);
  await i18next.use(initReactI18next).init({
    ...i18nOptions,
    resources: { ...languageNames(), [language]: { translation: await catalogue } },
    lng: language,
  });
  loaded.add(language);
  syncDocument(currentLanguage());
  return i18next;
}
