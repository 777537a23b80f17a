import type { ReportFrequency } from '../../../shared/contracts/reports.js';
import { localParts, nextDay, zonedTime } from '../../platform/jobs/zoned-time.js';

export interface Recurrence {
  frequency: ReportFrequency;
  /** weekly: 0 = Sunday … 6 = Saturday */
  weekday: number | null;
  /** monthly: 1–31 */
  monthDay: number | null;
  /** 'HH:MM' wall-clock time in `timeZone` */
  time: string;
  timeZone: string;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function dayMatches(r: Recurrence, year: number, month: number, day: number): boolean {
  if (r.frequency === 'daily') return true;
  if (r.frequency === 'weekly') return new Date(Date.UTC(year, month - 1, day)).getUTCDay() === r.weekday;
  // monthly on the 29th–31st: in a shorter month, on its last day
  return day === Math.min(r.monthDay ?? 1, daysInMonth(year, month));
}

/**
 * The first time strictly after `after` at which the recurrence happens, computed on the calendar
 * of its time zone. Across daylight-saving changes (see `zonedTime`): a time the spring change
 * skips (02:30) happens as late as the clocks jumped (03:30); a time the autumn change repeats
 * (01:30) happens once, the first time — the day's occurrence is one instant, so the day after
 * is next.
 */
export function nextRunAfter(r: Recurrence, after: Date): Date {
  const hour = Number(r.time.slice(0, 2));
  const minute = Number(r.time.slice(3, 5));
  const today = localParts(after, r.timeZone);
  let date = nextDay(today.year, today.month, today.day, -1);
  // two months of days always hold a monthly occurrence after `after`
  for (let i = 0; i < 64; i++) {
    if (dayMatches(r, date.year, date.month, date.day)) {
      const at = zonedTime(date.year, date.month, date.day, hour, minute, r.timeZone);
      if (at.getTime() > after.getTime()) return at;
    }
    date = nextDay(date.year, date.month, date.day);
  }
  throw new Error('no occurrence found for the recurrence');
}

/**
 * The period a run reports on: the recurrence's interval that ends at the run's time (the day,
 * week or month before it). Snapshot reports (inventory, seats) ignore it.
 */
export function periodBefore(r: Pick<Recurrence, 'frequency'>, end: Date): { start: Date; end: Date } {
  const start = new Date(end);
  if (r.frequency === 'daily') start.setUTCDate(start.getUTCDate() - 1);
  else if (r.frequency === 'weekly') start.setUTCDate(start.getUTCDate() - 7);
  else {
    // a month back, kept inside the shorter month (31 March → 28 February)
    const day = start.getUTCDate();
    start.setUTCDate(1);
    start.setUTCMonth(start.getUTCMonth() - 1);
    start.setUTCDate(Math.min(day, daysInMonth(start.getUTCFullYear(), start.getUTCMonth() + 1)));
  }
  return { start, end };
}
