import type { Language } from '../../../shared/locales.js';
import { localParts } from '../../platform/jobs/zoned-time.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as ISO 8601 in a time zone, with its offset: 2026-03-08T03:30:00-04:00 (what the CSV holds). */
export function zonedIso(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offset = Math.round((local - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Numbers, dates and durations in the reader's language, dates in the schedule's time zone. */
export function formatterFor(language: Language, timeZone: string) {
  const number = new Intl.NumberFormat(language);
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const minutes = new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  });
  const hours = new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'hour',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  });
  const secondsFormat = new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'second',
    unitDisplay: 'short',
    maximumFractionDigits: 0,
  });
  return {
    number: (n: number) => number.format(n),
    date: (d: Date) => date.format(d),
    duration: (s: number) =>
      s < 60 ? secondsFormat.format(s) : s < 3600 ? minutes.format(s / 60) : hours.format(s / 3600),
  };
}
