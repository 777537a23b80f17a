import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cannedReplyScopes } from '../../../shared/contracts/canned-replies.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { companies } from '../companies/tables.js';
import { users } from '../users/tables.js';

/**
 * A saved answer a technician inserts in a chat: account-wide (`companyId` and `ownerId` null),
 * for one company (`companyId`), or personal (`ownerId`, the technician it belongs to).
 */
export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    scope: text('scope', { enum: cannedReplyScopes }).notNull(),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    shortcut: text('shortcut').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('canned_replies_account_idx').on(t.accountId, t.scope, t.shortcut),
    index('canned_replies_company_idx').on(t.companyId),
    index('canned_replies_owner_idx').on(t.ownerId),
  ],
);
