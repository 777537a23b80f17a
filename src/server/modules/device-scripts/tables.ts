import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { scriptRefusals, scriptResultStatuses, scriptShells } from '../../../shared/contracts/device-scripts.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { companies } from '../companies/tables.js';
import { devices } from '../devices/tables.js';
import { users } from '../users/tables.js';

/** A saved script: account-wide (`companyId` null) or for one company's devices. */
export const deviceScripts = pgTable(
  'device_scripts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    shell: text('shell', { enum: scriptShells }).notNull(),
    body: text('body').notNull(),
    timeoutSeconds: integer('timeout_seconds').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('device_scripts_account_idx').on(t.accountId, t.name),
    index('device_scripts_company_idx').on(t.companyId),
  ],
);

/**
 * One run of a script on a list of devices: the script as it was then (name, shell, text, timeout),
 * who asked, the companies of its devices (who may read it: every one of them in their access), and
 * until when a device not connected may still take it.
 */
export const scriptRuns = pgTable(
  'script_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    scriptId: uuid('script_id').references(() => deviceScripts.id, { onDelete: 'set null' }),
    scriptName: text('script_name').notNull(),
    shell: text('shell', { enum: scriptShells }).notNull(),
    body: text('body').notNull(),
    bodySha256: text('body_sha256').notNull(),
    timeoutSeconds: integer('timeout_seconds').notNull(),
    companyIds: uuid('company_ids').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('script_runs_account_idx').on(t.accountId, t.createdAt)],
);

/** One device's part of a run: its status, exit code and output (capped by the agent, `truncated`). */
export const scriptRunResults = pgTable(
  'script_run_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => scriptRuns.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id').notNull(),
    deviceName: text('device_name').notNull(),
    status: text('status', { enum: scriptResultStatuses }).notNull(),
    reason: text('reason', { enum: scriptRefusals }),
    exitCode: integer('exit_code'),
    output: text('output').notNull().default(''),
    truncated: boolean('truncated').notNull().default(false),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('script_run_results_run_idx').on(t.runId, t.deviceName, t.id),
    index('script_run_results_device_idx').on(t.deviceId, t.status),
    index('script_run_results_status_idx').on(t.status, t.runId),
  ],
);
