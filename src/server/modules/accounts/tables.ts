import { integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/tenancy/tables.js';

/** The account's licence: seats per module and the device limit. One row per account. */
export const accountLicences = pgTable('account_licences', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  remoteSupportSeats: integer('remote_support_seats').notNull(),
  serviceDeskSeats: integer('service_desk_seats').notNull(),
  deviceLimit: integer('device_limit').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
