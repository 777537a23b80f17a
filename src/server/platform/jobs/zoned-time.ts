import { Temporal } from '@js-temporal/polyfill';

/** Wall-clock parts of an instant in a time zone. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

export function localParts(instant: Date, timeZone: string): LocalParts & { second: number } {
  // the zone's offset at that instant from Temporal, then the calendar of the shifted instant
  // (reading each field of a ZonedDateTime is several times slower, and reports read thousands)
  const offsetNs = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(
    timeZone,
  ).offsetNanoseconds;
  const local = new Date(instant.getTime() + offsetNs / 1e6);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
}

/**
 * The instant a wall-clock time happens in a time zone. Across daylight-saving changes
 * (Temporal's `compatible` disambiguation): a time skipped by the spring change happens as late as
 * the clocks jumped (02:30 → 03:30); a time repeated in the autumn happens the first time.
 */
export function zonedTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const at = Temporal.ZonedDateTime.from(
    { timeZone, year, month, day, hour, minute },
    { disambiguation: 'compatible', overflow: 'reject' },
  );
  return new Date(at.epochMilliseconds);
}

/** The calendar day after a local date (month and year roll over). */
export function nextDay(
  year: number,
  month: number,
  day: number,
  days = 1,
): { year: number; month: number; day: number } {
  const d = Temporal.PlainDate.from({ year, month, day }).add({ days });
  return { year: d.year, month: d.month, day: d.day };
}
