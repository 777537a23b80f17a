import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../tenancy/tables.js';

/**
 * Append-only record of domain events (src/shared/events.ts), written in the transaction of the
 * change that caused them. The bigserial id orders them for consumers that read "after id N".
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** null for account-wide events (licence limits, sign-in throttling) */
    companyId: uuid('company_id'),
    type: text('type').notNull(),
    subjectId: uuid('subject_id'),
    payload: jsonb('payload').notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('domain_events_account_idx').on(t.accountId, t.id), index('domain_events_type_idx').on(t.type, t.id)],
);
