import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { domainEvents } from '../../../src/server/platform/events/tables.js';

/** The domain events about one subject (a request, a device…), oldest first. */
export async function eventsAbout(db: Db, subjectId: string) {
  return db.select().from(domainEvents).where(eq(domainEvents.subjectId, subjectId)).orderBy(asc(domainEvents.id));
}

/** The types of the domain events about one subject, oldest first. */
export async function eventTypesAbout(db: Db, subjectId: string): Promise<string[]> {
  return (await eventsAbout(db, subjectId)).map((event) => event.type);
}

/** The account's domain events of one type, oldest first. */
export async function eventsOfAccount(db: Db, accountId: string, type: string) {
  return db
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.accountId, accountId), eq(domainEvents.type, type)))
    .orderBy(asc(domainEvents.id));
}
