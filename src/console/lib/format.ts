import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, localeFor } from '../i18n.js';
import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../session/api.js';
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
  /** Names joined as the language does: "A, B and C" / "A, B et C". */
  list: (items: readonly string[]) => string;
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
  const list = lazy(() => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }));
  return {
    locale,
    timeZone: zone,
    dateTime: (iso) => safeFormat(dateTime(), iso),
    preciseDateTime: (iso) => safeFormat(precise(), iso),
    date: (iso) => safeFormat(date(), iso),
    number: (value) => number().format(value),
    list: (items) => list().format(items),
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

/** The formatters of the UI language and the signed-in user's time zone (else the browser's). */
function useFormattersNow(): Formatters {
  const { i18n } = useTranslation();
  // the session as it is known: asking for it is RequireAuth's (a signed-out page asks nothing)
  const { data: me } = useQuery({ ...meQuery, enabled: false });
  const language = i18n.resolvedLanguage ?? currentLanguage();
  const timeZone = me?.user.timeZone ?? browserTimeZone();
  return formattersFor(localeFor(language === 'fr' ? 'fr' : 'en'), timeZone);
}

const FormatContext = createContext<Formatters | null>(null);

/**
 * Follows the language and the signed-in user's time zone once for the whole console (App.tsx): a
 * list's every row formats dates, and each asking the session and the language for itself cost a
 * page's first render dearly.
 */
export function FormatProvider({ children }: { children: ReactNode }) {
  return createElement(FormatContext.Provider, { value: useFormattersNow() }, children);
}

/** Formatters in the UI language and the signed-in user's time zone (else the browser's). */
export function useFormat(): Formatters {
  return useContext(FormatContext) ?? formattersFor(localeFor(currentLanguage()), browserTimeZone());
}
