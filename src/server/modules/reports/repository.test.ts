import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { oneConnection } from '../../platform/db/one-connection.js';
import { findSchedule } from './repository.js';
import { reportSchedules } from './tables.js';

describe('findSchedule', () => {
  const accountId = crypto.randomUUID();
  const scheduleId = crypto.randomUUID();
  const values: Record<string, unknown> = {
    id: scheduleId,
    accountId,
    ownerId: crypto.randomUUID(),
    name: 'Weekly devices',
    kind: 'device_inventory',
    allCompanies: false,
    frequency: 'weekly',
    weekday: 1,
    time: '08:00',
    timeZone: 'Europe/Paris',
    enabled: true,
  };
  // the schedule's row, in column order; its companies, recipients, owner and last run: none
  const row = Object.keys(getTableColumns(reportSchedules)).map((key) => values[key] ?? null);
  const answer = (text: string) => (text.includes('from "report_schedules"') ? [row] : []);

  it('reads the schedule, its companies, recipients, owner and last run one after the other (a transaction has one connection)', async () => {
    const { db, overlapping } = oneConnection(answer);
    const schedule = await findSchedule(db, accountId, scheduleId, null, { forUpdate: true });
    expect(schedule).toMatchObject({
      id: scheduleId,
      name: 'Weekly devices',
      companies: [],
      recipients: [],
      owner: null,
    });
    expect(overlapping).toEqual([]);
  });
});
