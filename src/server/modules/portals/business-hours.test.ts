import { describe, expect, it } from 'vitest';
import { businessHoursSchema } from '../../../shared/contracts/portals.js';
import { isOpenAt, localClock } from './business-hours.js';

const hours = businessHoursSchema.parse({
  timeZone: 'Pacific/Auckland',
  days: {
    mon: [{ start: '09:00', end: '17:00' }],
    tue: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '24:00' },
    ],
  },
  holidays: ['2026-12-25'],
});

describe('business hours', () => {
  it("reads the instant in the portal's time zone, across the date line", () => {
    // Sunday 2026-11-22 21:30 UTC is Monday 10:30 in Auckland (UTC+13 in summer)
    const at = new Date('2026-11-22T21:30:00Z');
    expect(localClock(at, 'Pacific/Auckland')).toEqual({ date: '2026-11-23', weekday: 'mon', time: '10:30' });
    expect(isOpenAt(hours, 'Pacific/Auckland', at)).toBe(true);
    // the same instant read in UTC is a Sunday: closed
    expect(isOpenAt(hours, 'UTC', at)).toBe(false);
  });

  it('opens at the start, closes at the end, and keeps a lunch break', () => {
    expect(isOpenAt(hours, 'Pacific/Auckland', new Date('2026-11-22T19:59:00Z'))).toBe(false); // Mon 08:59
    expect(isOpenAt(hours, 'Pacific/Auckland', new Date('2026-11-22T20:00:00Z'))).toBe(true); // Mon 09:00
    expect(isOpenAt(hours, 'Pacific/Auckland', new Date('2026-11-23T04:00:00Z'))).toBe(false); // Mon 17:00
    expect(isOpenAt(hours, 'Pacific/Auckland', new Date('2026-11-23T23:30:00Z'))).toBe(false); // Tue 12:30
    expect(isOpenAt(hours, 'Pacific/Auckland', new Date('2026-11-24T10:59:00Z'))).toBe(true); // Tue 23:59
  });

  it('is closed all day on a holiday (a local date), even within the weekday hours', () => {
    // Friday 2026-12-25 in Auckland; make Friday open
    const friday = { ...hours, days: { ...hours.days, fri: [{ start: '00:00', end: '24:00' }] } };
    expect(isOpenAt(friday, 'Pacific/Auckland', new Date('2026-12-24T22:00:00Z'))).toBe(false); // Fri 25th 11:00 local
    expect(isOpenAt(friday, 'Pacific/Auckland', new Date('2026-12-17T22:00:00Z'))).toBe(true); // Fri 18th 11:00 local
  });

  it('is always open without hours', () => {
    expect(isOpenAt(null, 'UTC', new Date())).toBe(true);
  });
});
