import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { roles } from '../../../shared/permissions.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { companies } from '../companies/tables.js';
import { users } from '../users/tables.js';

/**
 * A rule from a group of the identity provider (an OpenID Connect claim, a SCIM group) to a role
 * and company access. One rule per group name in an account, compared without regard to case.
 */
export const groupRules = pgTable(
  'group_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    groupName: text('group_name').notNull(),
    role: text('role', { enum: roles }).notNull(),
    allCompanies: boolean('all_companies').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('group_rules_account_group_key').on(t.accountId, sql`lower(${t.groupName})`)],
);

/** The companies a rule grants (none when it grants every company). */
export const groupRuleCompanies = pgTable(
  'group_rule_companies',
  {
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => groupRules.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.companyId] }), index('group_rule_companies_company_idx').on(t.companyId)],
);

/** Users the rules disabled because their groups matched none: the rules enable them again when one matches. */
export const groupDisabledUsers = pgTable('group_disabled_users', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  /** what they were before, given back when a rule matches again */
  previousStatus: text('previous_status', { enum: ['active', 'invited'] }).notNull(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }).notNull().defaultNow(),
});
