import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/tables.js';
import { companies } from '../companies/tables.js';

/**
 * A managed computer. Belongs to one company at a time; a company with devices cannot be
 * deleted until they are moved or removed.
 */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    hostname: text('hostname'),
    os: text('os'),
    osVersion: text('os_version'),
    ipAddresses: text('ip_addresses').array().notNull().default(sql`'{}'::text[]`),
    hardware: jsonb('hardware'),
    agentVersion: text('agent_version'),
    status: text('status', { enum: ['online', 'offline'] }).notNull().default('offline'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes').notNull().default(''),
    /** sha-256 of the device credential the agent received at enrolment */
    credentialHash: text('credential_hash').unique('devices_credential_hash_key'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('devices_company_idx').on(t.accountId, t.companyId, t.id)],
);
