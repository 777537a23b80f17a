import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The tenant: every row of every module, and the platform's outbox and events, belongs to one
 * account (foreign keys on `accounts.id`). The accounts module creates and presents them.
 */
export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
