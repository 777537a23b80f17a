import { describe, expect, it } from 'vitest';
import { timeZoneOptions, utcOffsetLabel, zonedDayBoundary } from './time.js';

describe('zonedDayBoundary', () => {
  it('gives the start of a day in the zone, in UTC', () => {
    expect(zonedDayBoundary('2025-01-15', 'UTC')).toBe('2025-01-15T00:00:00.000Z');
    expect(zonedDayBoundary('2025-01-15', 'Europe/Paris')).toBe('2025-01-14T23:00:00.000Z');
    expect(zonedDayBoundary('2025-07-15', 'Europe/Paris')).toBe('2025-07-14T22:00:00.000Z');
    expect(zonedDayBoundary('2025-01-15', 'America/New_York')).toBe('2025-01-15T05:00:00.000Z');
  });

  it('gives the last millisecond of the day with endOfDay', () => {
    expect(zonedDayBoundary('2025-01-15', 'Europe/Paris', true)).toBe('2025-01-15T22:59:59.999Z');
  });

  it('handles days on which daylight saving time changes', () => {
    // Paris moves from UTC+1 to UTC+2 on 30 March 2025 at 02:00.
    expect(zonedDayBoundary('2025-03-30', 'Europe/Paris')).toBe('2025-03-29T23:00:00.000Z');
    expect(zonedDayBoundary('2025-03-30', 'Europe/Paris', true)).toBe('2025-03-30T21:59:59.999Z');
  });

  it('refuses anything but YYYY-MM-DD', () => {
    expect(zonedDayBoundary('15/01/2025', 'UTC')).toBeNull();
    expect(zonedDayBoundary('', 'UTC')).toBeNull();
  });
});

describe('time zone options', () => {
  it('labels zones with their offset and keeps an unknown current value', () => {
    expect(utcOffsetLabel('UTC')).toBe('UTC+00:00');
    const options = timeZoneOptions('Not/AZone');
    expect(options[0]).toEqual({ value: 'Not/AZone', label: 'Not/AZone' });
    expect(options.some((o) => o.value === 'UTC')).toBe(true);
    expect(options.find((o) => o.value === 'America/New_York')?.label).toMatch(/^America\/New York \(UTC−0[45]:00\)$/);
  });
});
