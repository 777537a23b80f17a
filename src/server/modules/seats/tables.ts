import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/tables.js';
import { users } from '../users/tables.js';
import { modules } from '../../../shared/licence.js';

/** The licence: seats per module and the device limit. One row per account. */
export const accountLicences = pgTable('account_licences', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  remoteSupportSeats: integer('remote_support_seats').notNull(),
  serviceDeskSeats: integer('service_desk_seats').notNull(),
  deviceLimit: integer('device_limit').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A user holds a seat of a module: that is what lets them work in it. */
export const seatAssignments = pgTable(
  'seat_assignments',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    module: text('module', { enum: modules }).notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.module] }),
    index('seat_assignments_module_idx').on(t.accountId, t.module),
  ],
);
