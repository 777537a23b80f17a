import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../tenancy/tables.js';

/**
 * A file sent with an e-mail: its content inline (small files), or stored once in
 * `mail_attachments` and named by `storedId` — a report's CSV goes to every recipient without
 * being copied into each of their messages.
 */
export type Attachment = { filename: string; contentType: string } & (
  { content: string; storedId?: undefined } | { storedId: string; content?: undefined }
);

/** Attachment contents stored once for many messages; delivery reads them when it sends. */
export const mailAttachments = pgTable('mail_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
  content: text('content').notNull(),
  byteSize: integer('byte_size').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every outgoing message — e-mail, SMS, voice call — and the delivery log: written in the
 * transaction of the change that causes it, with the job that delivers it (the outbox pattern),
 * so nothing acknowledged is lost if the process stops before sending. With no delivery channel
 * configured, messages stay here as `held`, readable by administrators. `failed` is the dead
 * letter: every attempt was used.
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
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'held'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    metadata: jsonb('metadata'),
    /** the contact and method it goes to, when sent to a contact (alerts, reports) */
    contactId: uuid('contact_id'),
    methodId: uuid('method_id'),
    /** urgent messages ignore quiet hours */
    urgent: boolean('urgent').notNull().default(true),
    /** held until then by the contact's quiet hours */
    notBefore: timestamp('not_before', { withTimezone: true }).notNull().defaultNow(),
    attachments: jsonb('attachments').$type<Attachment[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_account_idx').on(t.accountId, t.createdAt.desc()),
    index('outbox_recipient_idx').on(t.recipient, t.createdAt),
    // a report run's messages, to tell how its delivery went
    index('outbox_report_run_idx')
      .on(sql`(${t.metadata} ->> 'runId')`)
      .where(sql`${t.kind} = 'report'`),
  ],
);
