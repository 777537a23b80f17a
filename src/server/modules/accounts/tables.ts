import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CompanyLabel } from '../../../shared/contracts/accounts.js';

export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** what the console calls companies ("Sites", "Divisions"…), per language; null: "Companies" */
  companyLabel: jsonb('company_label').$type<CompanyLabel>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
