import { localParts, nextDay, zonedTime } from '../jobs/zoned-time.js';

export interface QuietHoursOf {
  quietStart: string | null;
  quietEnd: string | null;
  timeZone: string;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When quiet hours that hold `now` end, in the contact's time zone; null when `now` is outside
 * them (or the contact has none). Quiet hours may span midnight (22:00–07:00).
 */
export function quietHoursEnd(now: Date, contact: QuietHoursOf): Date | null {
  if (!contact.quietStart || !contact.quietEnd) return null;
  const local = localParts(now, contact.timeZone);
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(contact.quietStart);
  const end = minutesOf(contact.quietEnd);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const endDay =
    start < end || minute < end
      ? { year: local.year, month: local.month, day: local.day }
      : nextDay(local.year, local.month, local.day);
  return zonedTime(endDay.year, endDay.month, endDay.day, Math.floor(end / 60), end % 60, contact.timeZone);
}
