import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { methodTypes } from '../../../shared/contracts/contacts.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { companies } from '../companies/tables.js';
import { users } from '../users/tables.js';

/**
 * A destination for alerts and scheduled reports. Every user has one (`userId`), kept in step
 * with their profile; others are people outside Tandem (an on-call phone, a client's manager).
 */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    allCompanies: boolean('all_companies').notNull().default(true),
    language: text('language').notNull(),
    timeZone: text('time_zone').notNull(),
    /** 'HH:MM' in the contact's time zone; both null: no quiet hours */
    quietStart: text('quiet_start'),
    quietEnd: text('quiet_end'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contacts_user_key').on(t.userId),
    index('contacts_account_name_idx').on(t.accountId, sql`lower(${t.name})`, t.id),
  ],
);

export const contactCompanies = pgTable(
  'contact_companies',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.companyId] }), index('contact_companies_company_idx').on(t.companyId)],
);

/** An e-mail address, SMS number or phone number of a contact (numbers in E.164). */
export const contactMethods = pgTable(
  'contact_methods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    type: text('type', { enum: methodTypes }).notNull(),
    value: text('value').notNull(),
    label: text('label').notNull().default(''),
    enabled: boolean('enabled').notNull().default(true),
    /** the linked user's sign-in e-mail: follows the profile, not editable here */
    primary: boolean('primary').notNull().default(false),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** sha-256 of the e-mailed link's token or of the six-digit code */
    verificationHash: text('verification_hash'),
    verificationExpiresAt: timestamp('verification_expires_at', { withTimezone: true }),
    verificationAttempts: integer('verification_attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contact_methods_contact_idx').on(t.contactId, t.createdAt),
    uniqueIndex('contact_methods_verification_key').on(t.verificationHash),
  ],
);
