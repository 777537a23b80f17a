import type { Translation } from '../../shared/i18n/index.js';
import type { Language } from '../../shared/locales.js';

/** Each language's catalogue in a chunk of its own, fetched when that language is shown. */
const loaders: Record<Language, () => Promise<{ default: Translation }>> = {
  en: () => import('./en.js'),
  fr: () => import('./fr.js'),
};

export async function loadCatalogue(language: Language): Promise<Translation> {
  return (await loaders[language]()).default;
}

/**
 * Each language's own name ("English", "Français"), for language pickers before that language's
 * catalogue is loaded. (The bundler keeps a JSON file whole: both shared files, en.json and fr.json,
 * about 8 KiB gzipped, stay in the first chunk; the features' files go with their language.)
 */
const languageParts = import.meta.glob<Translation['language']>('../../shared/i18n/{en,fr}.json', {
  eager: true,
  import: 'language',
});

export function languagePart(language: Language): Translation['language'] | undefined {
  return languageParts[`../../shared/i18n/${language}.json`];
}
