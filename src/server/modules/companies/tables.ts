import { sql } from 'drizzle-orm';
import { customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/tenancy/tables.js';

export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** branding colour, `#rrggbb` */
    color: text('color'),
    /**
     * The enrolment key that ties devices to this company. Rotating it stops new enrolments
     * with the old key only; enrolled devices keep their own credentials.
     */
    dataKey: text('data_key')
      .notNull()
      .default(sql`'tdk_' || replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`)
      .unique('companies_data_key_key'),
    dataKeyRotatedAt: timestamp('data_key_rotated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('companies_account_name_key').on(t.accountId, sql`lower(${t.name})`),
    index('companies_account_idx').on(t.accountId, t.id),
  ],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** A company's logo, apart from the company row so that lists never load it. */
export const companyLogos = pgTable('company_logos', {
  companyId: uuid('company_id')
    .primaryKey()
    .references(() => companies.id, { onDelete: 'cascade' }),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  contentType: text('content_type').notNull(),
  bytes: bytea('bytes').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
