import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The one-time setup token of an instance with no account yet (a single row). */
export const setupTokens = pgTable('setup_tokens', {
  id: integer('id').primaryKey(),
  tokenHash: text('token_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
