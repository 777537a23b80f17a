import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/tenancy/tables.js';
import { users } from '../users/tables.js';

/**
 * The one live password-reset link of a user (a new one replaces it). The token itself is never stored, only its
 * sha-256; `password_fingerprint` is the sha-256 of the user's password hash when the link was made, so any change
 * of the password (the link used, My account, the command line) makes the link worthless.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    passwordFingerprint: text('password_fingerprint').notNull(),
    /** the administrator who sent it; null when the person asked for it */
    requestedBy: uuid('requested_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('password_resets_expires_idx').on(t.expiresAt)],
);
