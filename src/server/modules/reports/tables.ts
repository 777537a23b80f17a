import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  reportFrequencies,
  reportKinds,
  runFailures,
  runStatuses,
  type RunRecipient,
} from '../../../shared/contracts/reports.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { companies } from '../companies/tables.js';
import { contacts } from '../contacts/tables.js';
import { users } from '../users/tables.js';

/**
 * A scheduled report: what (kind, companies), when (daily / weekly on a day / monthly on a date,
 * at a wall-clock time in a time zone) and to whom. `nextRunAt` is the next due instant (null
 * while disabled): the scheduler takes due rows with FOR UPDATE SKIP LOCKED, so each is run once
 * across processes. Runs are built with the rights of `ownerId`, re-checked at run time.
 */
export const reportSchedules = pgTable(
  'report_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: reportKinds }).notNull(),
    allCompanies: boolean('all_companies').notNull().default(true),
    frequency: text('frequency', { enum: reportFrequencies }).notNull(),
    weekday: smallint('weekday'),
    monthDay: smallint('month_day'),
    /** 'HH:MM' in `timeZone` */
    time: text('time').notNull(),
    timeZone: text('time_zone').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('report_schedules_account_name_idx').on(t.accountId, sql`lower(${t.name})`, t.id),
    index('report_schedules_due_idx')
      .on(t.nextRunAt)
      .where(sql`${t.enabled}`),
  ],
);

export const reportScheduleCompanies = pgTable(
  'report_schedule_companies',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => reportSchedules.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.scheduleId, t.companyId] }),
    index('report_schedule_companies_company_idx').on(t.companyId),
  ],
);

export const reportScheduleRecipients = pgTable(
  'report_schedule_recipients',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => reportSchedules.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.scheduleId, t.contactId] }),
    index('report_schedule_recipients_contact_idx').on(t.contactId),
  ],
);

/**
 * One run of a schedule (due, or "Send now"): its status, who it went to, and its output (the
 * CSV and the HTML summary per language), kept so the run can be downloaded later. A scheduled
 * run is unique per (schedule, planned time): a second taker of the same due time writes nothing.
 */
export const reportRuns = pgTable(
  'report_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => reportSchedules.id, { onDelete: 'cascade' }),
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: runStatuses }).notNull().default('queued'),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    periodStart: timestamp('period_start', { withTimezone: true }),
    periodEnd: timestamp('period_end', { withTimezone: true }),
    /** the companies the report covered (the owner's rights at run time) */
    companyIds: uuid('company_ids').array(),
    recipients: jsonb('recipients').$type<RunRecipient[]>().notNull().default([]),
    rowCount: integer('row_count'),
    /** why a run failed: the English text, and its code and parameters for the console to translate */
    error: text('error'),
    errorCode: text('error_code', { enum: runFailures }),
    errorParams: jsonb('error_params').$type<Record<string, string>>(),
    csv: text('csv'),
    /** the HTML summary in each language it was sent in */
    html: jsonb('html').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('report_runs_scheduled_key').on(t.scheduleId, t.scheduledFor),
    index('report_runs_history_idx').on(t.scheduleId, t.createdAt.desc(), t.id.desc()),
  ],
);
