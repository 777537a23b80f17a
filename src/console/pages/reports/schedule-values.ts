import { type ReportFrequency, type ReportKind, type ReportSchedule } from '../../../shared/contracts/reports.js';
import type { ChosenContact } from '../contacts/ContactPicker.js';

/** The schedule form's values (a new schedule: weekly on Monday at 08:00 in the user's zone, every company). */
export interface ScheduleValues {
  name: string;
  kind: ReportKind;
  access: 'all' | 'chosen';
  companyIds: string[];
  frequency: ReportFrequency;
  weekday: string;
  monthDay: number;
  time: string;
  timeZone: string;
  recipients: ChosenContact[];
  enabled: boolean;
}

export const valuesOf = (s: ReportSchedule | null, timeZone: string): ScheduleValues => ({
  name: s?.name ?? '',
  kind: s?.kind ?? 'device_inventory',
  access: s && !s.allCompanies ? 'chosen' : 'all',
  companyIds: s?.companies.map((c) => c.id) ?? [],
  frequency: s?.frequency ?? 'weekly',
  weekday: String(s?.weekday ?? 1),
  monthDay: s?.monthDay ?? 1,
  time: s?.time ?? '08:00',
  timeZone: s?.timeZone ?? timeZone,
  recipients: s?.recipients.map((r) => ({ id: r.id, label: r.name })) ?? [],
  enabled: s?.enabled ?? true,
});

/** What the server receives: a weekday only for weekly schedules, a day of the month only for monthly ones. */
export function bodyOf(v: ScheduleValues) {
  return {
    name: v.name.trim(),
    kind: v.kind,
    companyIds: v.access === 'all' ? ('all' as const) : v.companyIds,
    frequency: v.frequency,
    weekday: v.frequency === 'weekly' ? Number(v.weekday) : null,
    monthDay: v.frequency === 'monthly' ? v.monthDay : null,
    time: v.time,
    timeZone: v.timeZone,
    recipientContactIds: v.recipients.map((r) => r.id),
    enabled: v.enabled,
  };
}
