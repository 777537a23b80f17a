import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { auditEvents } from '../../../src/server/modules/audit/tables.js';

/** The audit rows about one object (a user, a company…), of one action when told, oldest first. */
export async function auditRowsOf(db: Db, objectId: string, action?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectId, objectId), action === undefined ? undefined : eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id));
}

/** The actions of the audit rows about one object, oldest first. */
export async function auditActionsOf(db: Db, objectId: string): Promise<string[]> {
  return (await auditRowsOf(db, objectId)).map((row) => row.action);
}

/** `count` more audit rows of the account (action `test.event`, object ids 1…count), written in one statement: a long log. */
export async function manyAuditEvents(db: Db, account: { id: string }, count: number): Promise<void> {
  await db.execute(sql`
    insert into audit_events (account_id, actor_type, action, object_type, object_id, after)
    select ${account.id}, 'system', 'test.event', 'n', g::text, jsonb_build_object('n', g) from generate_series(1, ${count}) g`);
}

/** The account's audit rows (of one action when told), oldest first. */
export async function auditRowsOfAccount(db: Db, accountId: string, action?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.accountId, accountId), action === undefined ? undefined : eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id));
}
