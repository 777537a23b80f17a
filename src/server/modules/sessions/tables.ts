import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
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
import { remoteModes } from '../../../shared/remote/protocol.js';
import {
  recordingPolicies,
  sessionEventTypes,
  sessionKinds,
  sessionOutcomes,
  sessionStatuses,
} from '../../../shared/contracts/sessions.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { companies } from '../companies/tables.js';
import { devices } from '../devices/tables.js';
import { supportRequests } from '../requests/tables.js';
import { users } from '../users/tables.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * A remote-support session: one customer's screen and a technician, inside one company. Its chat is
 * a support request (`requestId`): the one it was escalated from, or one opened when a customer
 * entered its code. `codeHash` (sha-256 of the nine digits) is unique among waiting sessions of the
 * whole server, so the account's join page finds a code without a portal.
 *
 * A device session (`kind = 'device'`) is opened on an enrolled device (`deviceId`) served by
 * tandem-agent, in `mode` view or control; it has no code and no chat, and a device has at most one
 * open at a time (a partial unique index). `rebootRequestedAt`: when its technician last asked the
 * device to restart, so the agent's return resumes the session without a new consent step.
 */
export const supportSessions = pgTable(
  'support_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    status: text('status', { enum: sessionStatuses }).notNull(),
    kind: text('kind', { enum: sessionKinds }).notNull().default('attended'),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'set null' }),
    mode: text('mode', { enum: remoteModes }),
    rebootRequestedAt: timestamp('reboot_requested_at', { withTimezone: true }),
    /** the technician who owns it now (transfer moves it) */
    technicianId: uuid('technician_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    requestId: uuid('request_id').references(() => supportRequests.id, { onDelete: 'set null' }),
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
    customerName: text('customer_name'),
    recordingPolicy: text('recording_policy', { enum: recordingPolicies }).notNull(),
    recorded: boolean('recorded').notNull().default(false),
    sharing: boolean('sharing').notNull().default(false),
    outcome: text('outcome', { enum: sessionOutcomes }),
    notes: text('notes'),
    endedBy: uuid('ended_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    joinedAt: timestamp('joined_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('support_sessions_code_key')
      .on(t.codeHash)
      .where(sql`status = 'waiting'`),
    index('support_sessions_account_idx').on(t.accountId, t.createdAt, t.id),
    index('support_sessions_company_idx').on(t.companyId, t.createdAt, t.id),
    index('support_sessions_technician_idx').on(t.technicianId, t.status),
    index('support_sessions_request_idx').on(t.requestId),
    index('support_sessions_device_idx').on(t.deviceId),
    // a device serves one session at a time
    uniqueIndex('support_sessions_device_open_key')
      .on(t.deviceId)
      .where(sql`device_id is not null and status in ('waiting', 'joined', 'active')`),
    index('support_sessions_expiry_idx')
      .on(t.codeExpiresAt)
      .where(sql`status = 'waiting'`),
  ],
);

/** Technicians invited to watch a session; `leftAt` set when removed or when the session moved to them. */
export const sessionWatchers = pgTable(
  'support_session_watchers',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => supportSessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('support_session_watchers_user_idx').on(t.userId)],
);

/** A session's timeline, in order of `id`. */
export const sessionEvents = pgTable(
  'support_session_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => supportSessions.id, { onDelete: 'cascade' }),
    type: text('type', { enum: sessionEventTypes }).notNull(),
    side: text('side', { enum: ['technician', 'customer', 'system'] }).notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('support_session_events_session_idx').on(t.sessionId, t.id)],
);

/**
 * A session's recording, WebM from the technician's browser. Chunks arrive numbered; at the end it
 * is made seekable part by part (`sessionRecordingParts`). `durationMs`: all its parts together.
 */
export const sessionRecordings = pgTable(
  'support_session_recordings',
  {
    sessionId: uuid('session_id')
      .primaryKey()
      .references(() => supportSessions.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['recording', 'ready', 'failed'] }).notNull(),
    mimeType: text('mime_type').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    chunkCount: integer('chunk_count').notNull().default(0),
    durationMs: integer('duration_ms'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** retention: removed by the recordings job after this */
    deleteAfter: timestamp('delete_after', { withTimezone: true }).notNull(),
  },
  (t) => [index('support_session_recordings_expiry_idx').on(t.deleteAfter)],
);

/** The bytes of a recording, by chunk number. */
export const sessionRecordingChunks = pgTable(
  'support_session_recording_chunks',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessionRecordings.sessionId, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
    /** where this chunk starts in the whole file: set when the recording is finished */
    byteOffset: bigint('byte_offset', { mode: 'number' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.seq] })],
);

/**
 * The files a finished recording is played as: one per MediaRecorder that recorded it (a page
 * reloaded mid-session starts a new one, whose first chunk is a new WebM header). Each part is the
 * chunks from `firstSeq`, bytes `byteStart`… of the chunks laid end to end, served with its own
 * seekable header (duration and cues) in place of its first `replacedBytes` bytes.
 */
export const sessionRecordingParts = pgTable(
  'support_session_recording_parts',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessionRecordings.sessionId, { onDelete: 'cascade' }),
    part: integer('part').notNull(),
    firstSeq: integer('first_seq').notNull(),
    byteStart: bigint('byte_start', { mode: 'number' }).notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    seekableHeader: bytea('seekable_header').notNull(),
    replacedBytes: integer('replaced_bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.part] })],
);

/** Still images of the customer's screen kept with a session. */
export const sessionSnapshots = pgTable(
  'support_session_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => supportSessions.id, { onDelete: 'cascade' }),
    takenBy: uuid('taken_by').references(() => users.id, { onDelete: 'set null' }),
    contentType: text('content_type').notNull(),
    data: bytea('data').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('support_session_snapshots_session_idx').on(t.sessionId, t.takenAt)],
);

/**
 * Signals in flight between a customer's page and technicians' sockets: written, then NOTIFY'd by
 * id, so an SDP larger than a NOTIFY payload crosses processes too. Rows older than a minute are
 * of no use and are removed by the sessions sweep.
 */
export const sessionSignals = pgTable(
  'support_session_signals',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => supportSessions.id, { onDelete: 'cascade' }),
    /** `customer`, or the technician's live connection id */
    toPeer: text('to_peer').notNull(),
    /** the sender: the technician's connection id when to the customer */
    fromPeer: text('from_peer').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('support_session_signals_time_idx').on(t.createdAt)],
);

/** Wrong session codes by address, for the join throttle (rows older than the window are removed). */
export const sessionCodeFailures = pgTable(
  'support_session_code_failures',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    address: text('address').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('support_session_code_failures_idx').on(t.address, t.at)],
);
