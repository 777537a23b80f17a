import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { auditEvents } from '../../../src/server/modules/audit/tables.js';

/** The audit rows about one object (a user, a company…), oldest first. */
export async function auditRowsOf(db: Db, objectId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.objectId, objectId)).orderBy(asc(auditEvents.id));
}

/** The actions of the audit rows about one object, oldest first. */
export async function auditActionsOf(db: Db, objectId: string): Promise<string[]> {
  return (await auditRowsOf(db, objectId)).map((row) => row.action);
}
