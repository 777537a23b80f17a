import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  bigint,
  smallint,
} from 'drizzle-orm/pg-core';
import {
  closeOutcomes,
  offlineReasons,
  requestKinds,
  requestStatuses,
} from '../../../shared/contracts/support-requests.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { companies } from '../companies/tables.js';
import { portals } from '../portals/tables.js';
import { users } from '../users/tables.js';

/** The last request number given in each account: numbers are sequential per account. */
export const requestCounters = pgTable('support_request_counters', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  lastNumber: bigint('last_number', { mode: 'number' }).notNull().default(0),
});

/**
 * A customer's request from a portal: the live chat it became, or the offline question.
 * `lastSeq` is the highest message seq given (messages are numbered under this row's lock).
 */
export const supportRequests = pgTable(
  'support_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    portalId: uuid('portal_id')
      .notNull()
      .references(() => portals.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    status: text('status', { enum: requestStatuses }).notNull(),
    kind: text('kind', { enum: requestKinds }),
    customerName: text('customer_name').notNull(),
    customerEmail: text('customer_email').notNull(),
    customerPhone: text('customer_phone'),
    fields: jsonb('fields').$type<Record<string, string | boolean>>().notNull().default({}),
    question: text('question').notNull(),
    language: text('language', { enum: ['en', 'fr'] }).notNull(),
    /** sha-256 of the customer's visitor token */
    visitorTokenHash: text('visitor_token_hash').notNull(),
    /** sha-256 of the token in the e-mailed follow link (issued when it became an offline question) */
    followTokenHash: text('follow_token_hash'),
    /**
     * sha-256 of the follow links e-mailed before the latest (each answer e-mails a fresh one):
     * every link a customer received keeps working, newest first, at most 20
     */
    earlierFollowTokenHashes: text('earlier_follow_token_hashes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * when the customer opened a follow link e-mailed to them: the address is theirs, so answers
     * may be e-mailed in full (until then an e-mail carries no text of the request or its answers)
     */
    emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
    /** where the request came from, for rate limits */
    sourceIp: text('source_ip'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    offlineReason: text('offline_reason', { enum: offlineReasons }),
    /** when a waiting request turns into an offline question */
    waitDeadline: timestamp('wait_deadline', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    offlineAt: timestamp('offline_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
    outcome: text('outcome', { enum: closeOutcomes }),
    closeNotes: text('close_notes'),
    lastSeq: integer('last_seq').notNull().default(0),
    customerReadSeq: integer('customer_read_seq').notNull().default(0),
    technicianReadSeq: integer('technician_read_seq').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('support_requests_number_key').on(t.accountId, t.number),
    index('support_requests_status_idx').on(t.accountId, t.status, t.createdAt, t.id),
    index('support_requests_company_idx').on(t.companyId, t.status, t.createdAt),
    index('support_requests_assignee_idx').on(t.assigneeId, t.status),
    index('support_requests_deadline_idx')
      .on(t.waitDeadline)
      .where(sql`status = 'waiting'`),
    index('support_requests_portal_time_idx').on(t.portalId, t.createdAt),
    index('support_requests_source_idx').on(t.sourceIp, t.createdAt),
    index('support_requests_closed_idx').on(t.accountId, t.closedAt),
  ],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** A file attached to a request by the customer or a technician, before the message that shows it. */
export const supportAttachments = pgTable(
  'support_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => supportRequests.id, { onDelete: 'cascade' }),
    uploadedBy: text('uploaded_by', { enum: ['customer', 'technician'] }).notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('support_attachments_request_idx').on(t.requestId)],
);

/**
 * The transcript: messages numbered 1, 2, 3… per request (`seq`), stored before they are
 * acknowledged. `clientId` makes a resend idempotent (one row per author side and client id).
 */
export const supportMessages = pgTable(
  'support_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => supportRequests.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    clientId: text('client_id'),
    authorType: text('author_type', { enum: ['customer', 'technician', 'system'] }).notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name'),
    body: text('body').notNull(),
    attachmentId: uuid('attachment_id').references(() => supportAttachments.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('support_messages_seq_key').on(t.requestId, t.seq),
    uniqueIndex('support_messages_client_key').on(t.requestId, t.authorType, t.clientId),
  ],
);

/**
 * The customer's answer to the satisfaction question at the end of a chat: one row per request
 * (the primary key), with the technician who held the chat and its company, for the report.
 */
export const supportRatings = pgTable(
  'support_ratings',
  {
    requestId: uuid('request_id')
      .primaryKey()
      .references(() => supportRequests.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    technicianId: uuid('technician_id').references(() => users.id, { onDelete: 'set null' }),
    score: smallint('score').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('support_ratings_score_range', sql`${t.score} between 1 and 5`),
    index('support_ratings_account_time_idx').on(t.accountId, t.createdAt),
  ],
);
