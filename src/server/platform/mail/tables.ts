import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../modules/accounts/tables.js';

/**
 * Every outgoing message, written in the transaction of the change that causes it (the outbox
 * pattern): nothing acknowledged is lost if the process stops before sending. With no
 * delivery channel configured, messages stay here as `held`, readable by administrators.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['email', 'sms', 'voice'] }).notNull(),
    /** what the message is, e.g. `invitation`, `role_changed` */
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'held'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    metadata: jsonb('metadata'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt), index('outbox_account_idx').on(t.accountId, t.createdAt.desc())],
);
