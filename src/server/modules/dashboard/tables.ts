import { index, integer, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/tenancy/tables.js';
import { companies } from '../companies/tables.js';

/**
 * How many of a company's devices were online and offline at a sample time: the dashboard's
 * 24-hour trend. One row per company with devices per slot (`at`, a multiple of the sampling
 * interval), written once across processes (the key), kept eight days.
 */
export const deviceStatusSamples = pgTable(
  'device_status_samples',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    online: integer('online').notNull(),
    offline: integer('offline').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.at, t.companyId] }),
    // the sampler's "already taken?" and the pruning read by time alone
    index('device_status_samples_at_idx').on(t.at),
  ],
);
