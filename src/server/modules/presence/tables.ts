import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { presenceStatuses } from '../../../shared/contracts/support-requests.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { users } from '../users/tables.js';

/**
 * A technician's presence, shared by every process. `onlineUntil` is pushed forward while a
 * console live socket of theirs is open (on open, and on every upkeep of each process); when
 * the last one closes or they sign out it is set to now + the grace period, after which they no
 * longer count as available.
 */
export const technicianPresence = pgTable(
  'technician_presence',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: presenceStatuses }).notNull().default('available'),
    capacity: integer('capacity').notNull().default(3),
    onlineUntil: timestamp('online_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('technician_presence_account_idx').on(t.accountId, t.onlineUntil)],
);
