import { useTranslation } from 'react-i18next';
import { currentLanguage, localeFor } from '../i18n.js';
import { useMe } from '../session/api.js';
import { browserTimeZone } from './time.js';

export interface Formatters {
  locale: string;
  timeZone: string;
  /** Date and time, e.g. "12 Mar 2025, 14:05" / "12 mars 2025, 14:05". */
  dateTime: (iso: string | null | undefined) => string;
  /** Date and time with seconds, for logs. */
  preciseDateTime: (iso: string | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
  number: (value: number) => string;
}

function safeFormat(format: Intl.DateTimeFormat, iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

/** Made once, when first used: an Intl formatter costs far more to make than to use. */
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

export function makeFormatters(locale: string, timeZone: string): Formatters {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat(locale, { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const dateTime = lazy(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }),
  );
  const precise = lazy(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: zone }),
  );
  const date = lazy(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone }));
  const number = lazy(() => new Intl.NumberFormat(locale));
  return {
    locale,
    timeZone: zone,
    dateTime: (iso) => safeFormat(dateTime(), iso),
    preciseDateTime: (iso) => safeFormat(precise(), iso),
    date: (iso) => safeFormat(date(), iso),
    number: (value) => number().format(value),
  };
}

/** One set of formatters per language and time zone, shared by every component that formats. */
const made = new Map<string, Formatters>();

function formattersFor(locale: string, timeZone: string): Formatters {
  const key = `${locale}|${timeZone}`;
  let formatters = made.get(key);
  if (!formatters) made.set(key, (formatters = makeFormatters(locale, timeZone)));
  return formatters;
}

/** Formatters in the UI language and the signed-in user's time zone (else the browser's). */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const language = i18n.resolvedLanguage ?? currentLanguage();
  const timeZone = me?.user.timeZone ?? browserTimeZone();
  return formattersFor(localeFor(language === 'fr' ? 'fr' : 'en'), timeZone);
}
