import { describe, expect, it } from 'vitest';
import { nextRunAfter, periodBefore, type Recurrence } from './next-run.js';

const daily = (time: string, timeZone: string): Recurrence => ({
  frequency: 'daily',
  weekday: null,
  monthDay: null,
  time,
  timeZone,
});
const iso = (d: Date) => d.toISOString();
/** every occurrence from `from` on, `count` of them */
function occurrences(r: Recurrence, from: string, count: number): string[] {
  const out: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < count; i++) {
    at = nextRunAfter(r, at);
    out.push(iso(at));
  }
  return out;
}

describe('next run across daylight-saving changes', () => {
  it('New York: 02:30 on the spring-forward day runs at 03:30 EDT, then at 02:30 again', () => {
    expect(occurrences(daily('02:30', 'America/New_York'), '2026-03-07T00:00:00Z', 3)).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:30:00.000Z', // 02:30 does not exist: 03:30 EDT
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
  });

  it('New York: 01:30 on the fall-back day runs once (the first 01:30)', () => {
    expect(occurrences(daily('01:30', 'America/New_York'), '2026-10-31T00:00:00Z', 3)).toEqual([
      '2026-10-31T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T05:30:00.000Z', // the first 01:30 (EDT); the second, 06:30Z, is skipped
      '2026-11-02T06:30:00.000Z', // 01:30 EST
    ]);
    // asked again during the repeated hour, after the run: still the next day
    expect(iso(nextRunAfter(daily('01:30', 'America/New_York'), new Date('2026-11-01T06:10:00Z')))).toBe(
      '2026-11-02T06:30:00.000Z',
    );
  });

  it('Paris: 02:30 on the spring-forward day runs at 03:30 CEST; on the fall-back day once', () => {
    expect(occurrences(daily('02:30', 'Europe/Paris'), '2026-03-28T12:00:00Z', 2)).toEqual([
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(occurrences(daily('02:30', 'Europe/Paris'), '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('weekly keeps its wall-clock time across the change', () => {
    const monday9: Recurrence = {
      frequency: 'weekly',
      weekday: 1,
      monthDay: null,
      time: '09:00',
      timeZone: 'Europe/Paris',
    };
    expect(occurrences(monday9, '2026-03-20T00:00:00Z', 2)).toEqual([
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
  });

  it('a due time reached exactly is not due again', () => {
    const r = daily('08:00', 'UTC');
    expect(iso(nextRunAfter(r, new Date('2026-05-01T08:00:00Z')))).toBe('2026-05-02T08:00:00.000Z');
    expect(iso(nextRunAfter(r, new Date('2026-05-01T07:59:59Z')))).toBe('2026-05-01T08:00:00.000Z');
  });
});

describe('monthly on the 31st', () => {
  const the31st: Recurrence = {
    frequency: 'monthly',
    weekday: null,
    monthDay: 31,
    time: '06:00',
    timeZone: 'Europe/Paris',
  };

  it('runs on the last day of shorter months', () => {
    expect(occurrences(the31st, '2026-01-15T00:00:00Z', 5)).toEqual([
      '2026-01-31T05:00:00.000Z',
      '2026-02-28T05:00:00.000Z',
      '2026-03-31T04:00:00.000Z',
      '2026-04-30T04:00:00.000Z',
      '2026-05-31T04:00:00.000Z',
    ]);
  });

  it('on the 29th of February in a leap year', () => {
    expect(iso(nextRunAfter(the31st, new Date('2028-02-01T00:00:00Z')))).toBe('2028-02-29T05:00:00.000Z');
  });
});

describe('period', () => {
  it('is the day, week or month before the run', () => {
    const end = new Date('2026-03-31T06:00:00Z');
    expect(iso(periodBefore({ frequency: 'daily' }, end).start)).toBe('2026-03-30T06:00:00.000Z');
    expect(iso(periodBefore({ frequency: 'weekly' }, end).start)).toBe('2026-03-24T06:00:00.000Z');
    expect(iso(periodBefore({ frequency: 'monthly' }, end).start)).toBe('2026-02-28T06:00:00.000Z');
  });
});
