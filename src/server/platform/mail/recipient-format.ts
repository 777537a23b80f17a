import { isTimeZone, type Language } from '../../../shared/locales.js';

/** The locale that formats dates and lists for a reader of each language. */
export const intlLocales: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR' };

/** A date and time as the recipient reads it: their language, their time zone (named). */
export function formatForRecipient(date: Date, language: Language, timeZone: string): string {
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  return new Intl.DateTimeFormat(intlLocales[language], {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
    timeZoneName: 'short',
  }).format(date);
}
