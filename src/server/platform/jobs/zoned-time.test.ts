import { describe, expect, it } from 'vitest';
import { localParts, nextDay, zonedTime } from './zoned-time.js';

const iso = (d: Date) => d.toISOString();

describe('zoned time', () => {
  it('reads the wall clock of an instant, Sunday = 0', () => {
    expect(localParts(new Date('2026-03-08T07:30:15Z'), 'America/New_York')).toEqual({
      year: 2026,
      month: 3,
      day: 8,
      hour: 3,
      minute: 30,
      second: 15,
      weekday: 0,
    });
    expect(localParts(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris')).toMatchObject({
      year: 2027,
      day: 1,
      weekday: 5,
    });
  });

  it('a time skipped in spring happens as late as the clocks jumped; a repeated one the first time', () => {
    expect(iso(zonedTime(2026, 3, 8, 2, 30, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(zonedTime(2026, 11, 1, 1, 30, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(zonedTime(2026, 3, 29, 2, 30, 'Europe/Paris'))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(zonedTime(2026, 10, 25, 2, 30, 'Europe/Paris'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(zonedTime(2026, 6, 1, 9, 0, 'Asia/Kolkata'))).toBe('2026-06-01T03:30:00.000Z');
  });

  it('steps calendar days across months and years, backwards too', () => {
    expect(nextDay(2026, 12, 31)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(nextDay(2028, 2, 28)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(nextDay(2026, 3, 1, -1)).toEqual({ year: 2026, month: 2, day: 28 });
  });
});
