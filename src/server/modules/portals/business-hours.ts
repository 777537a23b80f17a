import type { BusinessHours, Weekday } from '../../../shared/contracts/portals.js';

const weekdayOf: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

/** The local date, weekday and time of an instant in a time zone. */
export function localClock(at: Date, timeZone: string): { date: string; weekday: Weekday; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: weekdayOf[parts.weekday!]!,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/**
 * Whether the live queue is open at an instant: `null` hours are always open; otherwise the local
 * day (in `timeZone`) must not be a holiday and the local time must fall in one of its spans
 * (start included, end excluded).
 */
export function isOpenAt(hours: BusinessHours | null, timeZone: string, at: Date): boolean {
  if (!hours) return true;
  const local = localClock(at, timeZone);
  if (hours.holidays.includes(local.date)) return false;
  return (hours.days[local.weekday] ?? []).some((span) => local.time >= span.start && local.time < span.end);
}
