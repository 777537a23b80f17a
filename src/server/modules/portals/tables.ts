import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { BusinessHours, PortalFields } from '../../../shared/contracts/portals.js';
import type { LocalizedText } from '../../../shared/localized-text.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { companies } from '../companies/tables.js';

/**
 * A company's customer portal: exactly one per company (created with it), at `/portal/{slug}`.
 * The wait timeout, offline message (per language) and attachments are settings (`portal.*`), not columns.
 */
export const portals = pgTable(
  'portals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' })
      .unique('portals_company_key'),
    enabled: boolean('enabled').notNull().default(true),
    /** unique across the server: the address is public */
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** per language (`{en, fr}`, each may be empty: the account language's text stands in) */
    welcome: jsonb('welcome').$type<Partial<LocalizedText>>().notNull().default({}),
    /** null: the company's general.language */
    language: text('language'),
    fields: jsonb('fields').$type<PortalFields>().notNull().default({ phone: 'hidden', custom: [] }),
    /** null: always open */
    businessHours: jsonb('business_hours').$type<BusinessHours>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('portals_slug_key').on(sql`lower(${t.slug})`), index('portals_account_idx').on(t.accountId)],
);
