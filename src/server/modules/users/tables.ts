import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/tenancy/tables.js';
import { companies } from '../companies/tables.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /**
     * stored lower-case; unique within the account (the same person may have a user in several
     * accounts: sign-in then asks which one, once the password is right)
     */
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role', { enum: ['administrator', 'technician', 'viewer'] }).notNull(),
    status: text('status', { enum: ['invited', 'active', 'disabled'] }).notNull(),
    language: text('language').notNull(),
    timeZone: text('time_zone').notNull(),
    allCompanies: boolean('all_companies').notNull().default(false),
    /** an administrator who may still sign in with a password when the account requires single sign-on */
    breakGlass: boolean('break_glass').notNull().default(false),
    /** the company switcher's remembered choice: null is "All companies" */
    companyFilter: uuid('company_filter').references(() => companies.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('users_account_idx').on(t.accountId, t.id),
    uniqueIndex('users_account_email_key').on(t.accountId, t.email),
    index('users_email_idx').on(t.email),
  ],
);

export const userCompanies = pgTable(
  'user_companies',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.companyId] }), index('user_companies_company_idx').on(t.companyId)],
);

/** A pending invitation: the invited user sets a password from the e-mailed link before it expires. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** sha-256 of the secret in the link */
    tokenHash: text('token_hash').notNull().unique('invitations_token_hash_key'),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('invitations_user_idx').on(t.accountId, t.userId)],
);
