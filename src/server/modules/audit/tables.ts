import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/tenancy/tables.js';

/** Append-only. `account_id` is null only for events no account owns (a sign-in with an unknown e-mail). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type', { enum: ['user', 'apiToken', 'system', 'anonymous'] }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    tokenId: uuid('token_id'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_account_idx').on(t.accountId, t.id.desc()),
    index('audit_actor_idx').on(t.accountId, t.actorId, t.id.desc()),
    index('audit_object_idx').on(t.accountId, t.objectType, t.objectId, t.id.desc()),
    index('audit_action_idx').on(t.accountId, t.action, t.id.desc()),
  ],
);
