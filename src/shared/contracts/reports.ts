import { z } from 'zod';
import { coded } from '../field-problems.js';
import { limits } from '../limits.js';
import { languages } from '../locales.js';
import { idSchema, timestamp } from './common.js';
import { patterns } from '../patterns.js';

/** What a scheduled report contains. */
export const reportKinds = [
  'device_inventory',
  'offline_devices',
  'support_activity',
  'seat_usage',
  'audit_trail',
  'support_sessions',
] as const;
export type ReportKind = (typeof reportKinds)[number];

export const reportFrequencies = ['daily', 'weekly', 'monthly'] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];

export const runStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;

/**
 * How a made run's e-mails fared, from their messages in the delivery log: sent, still waiting
 * (queued, being sent, held by quiet hours or for want of an SMTP server), failed for good.
 */
export const runDelivery = z.object({ sent: z.number().int(), waiting: z.number().int(), failed: z.number().int() });
export type RunDelivery = z.infer<typeof runDelivery>;

/** Why a run failed: `reports.failures.<code>` in the console's strings. */
export const runFailures = [
  'ownerMissing',
  'ownerInactive',
  'ownerNotAllowed',
  'noCompanies',
  'noAddress',
  'internal',
] as const;
export type RunFailure = (typeof runFailures)[number];

const hhmm = z.string().regex(patterns.time.regex, { message: 'Use HH:MM (24-hour)' });
const companyIdsField = z.union([
  z.literal('all'),
  z.array(idSchema).min(1, { message: 'Choose at least one company, or all companies' }).max(limits.reportCompanyIds),
]);

const scheduleFields = {
  name: z.string().trim().min(1, { message: 'Required' }).max(limits.reportName),
  kind: z.enum(reportKinds),
  companyIds: companyIdsField,
  frequency: z.enum(reportFrequencies),
  /** weekly: 0 = Sunday … 6 = Saturday */
  weekday: z.number().int().min(0).max(6).nullable(),
  /** monthly: 1–31; in a shorter month the report runs on its last day */
  monthDay: z.number().int().min(1).max(31).nullable(),
  time: hhmm,
  timeZone: z.string().trim().min(1, { message: 'Required' }).max(limits.timeZone),
  recipientContactIds: z
    .array(idSchema)
    .min(1, { message: 'Choose at least one recipient' })
    .max(limits.reportRecipients),
  enabled: z.boolean(),
};

/** weekly needs a weekday, monthly a day of the month; the other is left out or null. */
function checkFrequency(
  v: { frequency?: ReportFrequency; weekday?: number | null; monthDay?: number | null },
  ctx: z.RefinementCtx,
) {
  if (v.frequency === 'weekly' && (v.weekday === undefined || v.weekday === null))
    ctx.addIssue({
      code: 'custom',
      path: ['weekday'],
      message: 'Choose the day of the week',
      params: coded('required'),
    });
  if (v.frequency === 'monthly' && (v.monthDay === undefined || v.monthDay === null))
    ctx.addIssue({
      code: 'custom',
      path: ['monthDay'],
      message: 'Choose the day of the month',
      params: coded('required'),
    });
}

export const createScheduleBody = z
  .object({
    ...scheduleFields,
    companyIds: companyIdsField.default('all'),
    weekday: scheduleFields.weekday.optional(),
    monthDay: scheduleFields.monthDay.optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine(checkFrequency);
export type CreateScheduleBody = z.infer<typeof createScheduleBody>;

/** A change: any field; the frequency's day is checked against the schedule as it would become. */
export const updateScheduleBody = z.object(scheduleFields).partial().strict();
export type UpdateScheduleBody = z.infer<typeof updateScheduleBody>;

export const scheduleAbilities = z.object({ update: z.boolean(), delete: z.boolean(), sendNow: z.boolean() });

export const reportSchedule = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(reportKinds),
  allCompanies: z.boolean(),
  companies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  frequency: z.enum(reportFrequencies),
  weekday: z.number().nullable(),
  monthDay: z.number().nullable(),
  time: z.string(),
  timeZone: z.string(),
  recipients: z.array(z.object({ id: z.uuid(), name: z.string() })),
  enabled: z.boolean(),
  /** null while disabled */
  nextRunAt: timestamp.nullable(),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  lastRun: z
    .object({ id: z.uuid(), status: z.enum(runStatuses), delivery: runDelivery, createdAt: timestamp })
    .nullable(),
  abilities: scheduleAbilities,
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ReportSchedule = z.infer<typeof reportSchedule>;

export const runRecipient = z.object({
  contactId: z.uuid(),
  name: z.string(),
  /** the e-mail address it went to; null when the contact had none usable */
  address: z.string().nullable(),
  language: z.enum(languages),
});
export type RunRecipient = z.infer<typeof runRecipient>;

export const reportRun = z.object({
  id: z.uuid(),
  scheduleId: z.uuid(),
  trigger: z.enum(['schedule', 'manual']),
  status: z.enum(runStatuses),
  /** the planned time of a scheduled run */
  scheduledFor: timestamp.nullable(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
  periodStart: timestamp.nullable(),
  periodEnd: timestamp.nullable(),
  recipients: z.array(runRecipient),
  rowCount: z.number().nullable(),
  error: z.string().nullable(),
  errorCode: z.enum(runFailures).nullable(),
  errorParams: z.record(z.string(), z.string()).nullable(),
  delivery: runDelivery,
  /** the CSV and HTML summary can be downloaded */
  hasOutput: z.boolean(),
});
export type ReportRun = z.infer<typeof reportRun>;

export const scheduleListQuery = z.object({ search: z.string().trim().max(limits.search).optional() });
export const runParams = z.object({ id: idSchema, runId: idSchema });
export const summaryQuery = z.object({ language: z.enum(languages).optional() });
