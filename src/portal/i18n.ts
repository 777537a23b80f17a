/**
 * The portal's strings, in the portal's language (not the visitor's browser): a small lookup
 * over src/shared/i18n/portal-customer.*.json, without i18next, to keep the page light.
 * `{{name}}` placeholders and `_one`/`_other` plurals follow the console's conventions.
 */
import en from '../shared/i18n/portal-customer.en.json' with { type: 'json' };
import fr from '../shared/i18n/portal-customer.fr.json' with { type: 'json' };
import { defaultLanguage, languages, type Language } from '../shared/locales.js';

type Tree = { [key: string]: string | Tree };
const catalogues: Record<Language, Tree> = { en: en.portalCustomer, fr: fr.portalCustomer };

/** Dotted paths of the leaves of the English catalogue, plural suffixes folded. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${K extends `${infer B}_${'one' | 'other'}` ? B : K}`
    : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<typeof en.portalCustomer>;

export type Values = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: Values) => string;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function interpolate(text: string, values: Values | undefined): string {
  if (!values) return text;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A translate function for one language; `count` picks the plural form with Intl.PluralRules. */
export function translator(language: Language): Translate {
  const plural = new Intl.PluralRules(language);
  const catalogue = catalogues[language] ?? catalogues[defaultLanguage];
  return (key, values) => {
    let text: string | undefined;
    if (values && typeof values.count === 'number') {
      const form = plural.select(values.count) === 'one' ? 'one' : 'other';
      text = lookup(catalogue, `${key}_${form}`) ?? lookup(catalogues.en, `${key}_${form}`);
    }
    text ??= lookup(catalogue, key) ?? lookup(catalogues.en, key) ?? key;
    return interpolate(text, values);
  };
}

/** The portal's language as a BCP 47 locale for dates and numbers. */
export function localeOf(language: Language): string {
  return language === 'fr' ? 'fr-FR' : 'en-GB';
}
