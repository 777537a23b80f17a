import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/tenancy/tables.js';
import { companies } from '../companies/tables.js';

/**
 * A managed computer. Belongs to one company at a time; a company with devices cannot be
 * deleted until they are moved or removed.
 *
 * The indexes serve the inventory list (see docs/ARCHITECTURE.md, "Devices at scale"): every
 * sort has a keyset index `(account_id, <sort key>, id)`, one per company too, so a page and a
 * deep page are both an index range; `search_text` (name, hostname and addresses, lower case,
 * kept by the repository) has a trigram index for `ilike '%…%'`; tags a GIN index.
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
    /** the OS family, filterable: windows, macos, linux, other */
    platform: text('platform', { enum: ['windows', 'macos', 'linux', 'other'] })
      .notNull()
      .default('other'),
    os: text('os'),
    osVersion: text('os_version'),
    ipAddresses: text('ip_addresses')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    hardware: jsonb('hardware'),
    agentVersion: text('agent_version'),
    status: text('status', { enum: ['online', 'offline'] })
      .notNull()
      .default('offline'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    notes: text('notes').notNull().default(''),
    /** lower-case name, hostname and addresses, for the search's trigram index */
    searchText: text('search_text').notNull().default(''),
    /** sha-256 of the device credential the agent received at enrolment */
    credentialHash: text('credential_hash').unique('devices_credential_hash_key'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    inventoryAt: timestamp('inventory_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('devices_company_idx').on(t.accountId, t.companyId, t.id),
    index('devices_name_idx').on(t.accountId, sql`lower(${t.name})`, t.id),
    index('devices_company_name_idx').on(t.accountId, t.companyId, sql`lower(${t.name})`, t.id),
    index('devices_last_seen_idx').on(t.accountId, t.lastSeenAt, t.id),
    index('devices_enrolled_idx').on(t.accountId, t.enrolledAt, t.id),
    index('devices_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('devices_tags_idx').using('gin', t.tags),
    // the offline devices alone (few, and never touched by a heartbeat): their count on the
    // console and the offline-devices report, in (company, name) order, without reading the others
    index('devices_offline_idx')
      .on(t.accountId, t.companyId, sql`lower(${t.name})`, t.id)
      .where(sql`${t.status} = 'offline'`),
    // the offline sweep reads only the online devices
    index('devices_online_idx')
      .on(t.lastSeenAt)
      .where(sql`${t.status} = 'online'`),
  ],
);

/** Online/offline transitions of a device, for its detail page. */
export const deviceStatusChanges = pgTable(
  'device_status_changes',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['online', 'offline'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('device_status_changes_device_idx').on(t.deviceId, t.at, t.id)],
);
