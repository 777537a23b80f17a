import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/tenancy/tables.js';
import { users } from '../users/tables.js';

export const sessions = pgTable(
  'sessions',
  {
    /** sha-256 of the cookie value; the value itself is never stored */
    idHash: text('id_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    /** signed in with a password, second factor still to give: the session can do nothing else */
    secondFactorPending: boolean('second_factor_pending').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Sign-in attempt counters, shared by every server process: an attempt is counted before the
 * password or code is checked, and taken back when it succeeds (`throttle.ts`).
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
});

/**
 * Browsers (a `tandem_known` cookie's hash) and addresses that signed in to an e-mail before: they
 * still get through while an attack from many addresses holds the e-mail's own limit.
 */
export const signInKnown = pgTable(
  'sign_in_known',
  {
    email: text('email').notNull(),
    /** `browser:<sha-256 of the cookie>` or `address:<ip>` */
    key: text('key').notNull(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.email, t.key] }), index('sign_in_known_last_success_idx').on(t.lastSuccessAt)],
);
