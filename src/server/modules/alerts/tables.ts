import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { alertEvents } from '../../../shared/contracts/alerts.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { companies } from '../companies/tables.js';
import { contactMethods, contacts } from '../contacts/tables.js';
import { users } from '../users/tables.js';

/** An alert rule: an event, the companies it watches, a delay, and who hears about it by which methods. */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    event: text('event', { enum: alertEvents }).notNull(),
    allCompanies: boolean('all_companies').notNull().default(true),
    delayMinutes: integer('delay_minutes').notNull().default(0),
    urgent: boolean('urgent').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('alert_rules_event_idx').on(t.accountId, t.event),
    index('alert_rules_account_name_idx').on(t.accountId, sql`lower(${t.name})`, t.id),
  ],
);

export const alertRuleCompanies = pgTable(
  'alert_rule_companies',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.companyId] }), index('alert_rule_companies_company_idx').on(t.companyId)],
);

export const alertRuleRecipients = pgTable(
  'alert_rule_recipients',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** which of the contact's method kinds this rule uses: e-mail, sms, phone */
    methodTypes: text('method_types').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.contactId] }), index('alert_rule_recipients_contact_idx').on(t.contactId)],
);

/**
 * A condition a rule watches while it lasts: a device offline, a request waiting, a limit hit.
 * One open condition per rule and subject: further events while it lasts are duplicates. The
 * alert goes out when it is due (after the rule's delay); a recovery notice when it clears after.
 */
export const alertConditions = pgTable(
  'alert_conditions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    subjectKey: text('subject_key').notNull(),
    companyId: uuid('company_id'),
    payload: jsonb('payload').notNull().default({}),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true }),
    /** conditions no event clears (limits, throttling) end by themselves then */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
    duplicates: integer('duplicates').notNull().default(0),
  },
  (t) => [
    uniqueIndex('alert_conditions_open_key')
      .on(t.ruleId, t.subjectKey)
      .where(sql`cleared_at is null`),
    index('alert_conditions_due_idx')
      .on(t.dueAt)
      .where(sql`cleared_at is null and fired_at is null`),
    // the rules page counts open conditions and the last alert per rule; deleting a rule cascades
    index('alert_conditions_rule_idx').on(t.ruleId, t.firedAt),
  ],
);

/**
 * How far alert rules have read `domain_events`: one row, locked while a process reads on. Every
 * event up to `last_event_id` is handled. Above it, events are handled as they become visible and
 * marked in `alert_handled_events`; `pending_event_id` becomes the new `last_event_id` once every
 * transaction that could still commit a smaller id has ended (`pending_xmax`) and a minute passed.
 */
export const alertCursor = pgTable('alert_cursor', {
  id: integer('id').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'bigint' }).notNull(),
  pendingEventId: bigint('pending_event_id', { mode: 'bigint' }),
  pendingXmax: bigint('pending_xmax', { mode: 'bigint' }),
  pendingAt: timestamp('pending_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Events above the cursor already handled: a late-committed smaller id is still read, and nothing twice. */
export const alertHandledEvents = pgTable('alert_handled_events', {
  eventId: bigint('event_id', { mode: 'bigint' }).primaryKey(),
});

/**
 * Every alert that fired, kept as the alert history whether or not it was messaged on its own: grouped
 * into one message per rule and window (`group_id`), held or dropped by a maintenance window
 * (`maintenance_window_id`, `state`), or counted in a rate-limit summary.
 */
export const alertFirings = pgTable(
  'alert_firings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    /** `alert` or `recovery` */
    kind: text('kind').notNull(),
    companyId: uuid('company_id'),
    /** the condition's subject (`device:<id>`), to tell whether a held alert is still relevant */
    subjectKey: text('subject_key'),
    subject: text('subject').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull(),
    /** `grouped` (messaged with its rule's window), `held` or `dropped` (a maintenance window) */
    state: text('state').notNull(),
    groupId: uuid('group_id'),
    maintenanceWindowId: uuid('maintenance_window_id'),
  },
  (t) => [
    index('alert_firings_group_idx').on(t.groupId),
    index('alert_firings_window_idx').on(t.maintenanceWindowId),
    index('alert_firings_rule_idx').on(t.ruleId, t.firedAt),
    index('alert_firings_subject_idx').on(t.ruleId, t.subjectKey),
  ],
);

/** What fires together: one open group per rule and kind, messaged once when its window ends. */
export const alertGroups = pgTable(
  'alert_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('alert_groups_open_key')
      .on(t.ruleId, t.kind)
      .where(sql`sent_at is null`),
    index('alert_groups_due_idx')
      .on(t.dueAt)
      .where(sql`sent_at is null`),
  ],
);

/**
 * The rate limit of one contact method: messages in the period that began at `period_start`, and
 * what was held once the limit was reached (by rule name: count), summarised when the period ends.
 */
export const alertRateLimits = pgTable(
  'alert_rate_limits',
  {
    methodId: uuid('method_id')
      .primaryKey()
      .references(() => contactMethods.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    sent: integer('sent').notNull().default(0),
    held: integer('held').notNull().default(0),
    heldByRule: jsonb('held_by_rule').notNull().default({}),
  },
  (t) => [
    index('alert_rate_limits_held_idx')
      .on(t.periodStart)
      .where(sql`held > 0`),
  ],
);

/** A company's maintenance window: its alerts are held (one summary after) or dropped (recorded only). */
export const maintenanceWindows = pgTable(
  'maintenance_windows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    mode: text('mode', { enum: ['hold', 'drop'] }).notNull(),
    reason: text('reason').notNull(),
    /** when the held alerts' summary went out (hold windows) */
    summarizedAt: timestamp('summarized_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('maintenance_windows_company_idx').on(t.companyId, t.startsAt),
    index('maintenance_windows_account_idx').on(t.accountId, t.startsAt),
    index('maintenance_windows_unsummarized_idx')
      .on(t.endsAt)
      .where(sql`summarized_at is null and mode = 'hold'`),
  ],
);
