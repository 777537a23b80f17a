import type { Db } from '../../../src/server/platform/db/pool.js';
import { insertContact, insertMethod, replaceContactCompanies } from '../../../src/server/modules/contacts/index.js';
import { contactMethods } from '../../../src/server/modules/contacts/tables.js';
import { and, eq, isNull } from 'drizzle-orm';

export interface MethodOptions {
  type: 'email' | 'sms' | 'phone';
  value: string;
  /** verified unless told: alerts and reports go only to verified methods */
  verified?: boolean;
}

/** A contact of the account (not a user's own), with its methods, written through the contacts repository. */
export async function aContact(
  db: Db,
  account: { id: string },
  options: {
    name?: string;
    methods?: readonly MethodOptions[];
    /** the companies it belongs to; all unless told */
    companies?: readonly string[];
    language?: 'en' | 'fr';
    timeZone?: string;
  } = {},
): Promise<{ id: string; methodIds: string[] }> {
  const contact = await insertContact(db, {
    accountId: account.id,
    name: options.name ?? 'Test contact',
    allCompanies: options.companies === undefined,
    language: options.language ?? 'en',
    timeZone: options.timeZone ?? 'UTC',
  });
  if (options.companies) await replaceContactCompanies(db, account.id, contact.id, options.companies);
  const methodIds = [];
  for (const method of options.methods ?? []) {
    const row = await insertMethod(db, {
      accountId: account.id,
      contactId: contact.id,
      type: method.type,
      value: method.value,
      verifiedAt: method.verified === false ? null : new Date(),
    });
    methodIds.push(row.id);
  }
  return { id: contact.id, methodIds };
}

/** Marks a contact's unverified methods verified, as if the contact had followed the link or entered the code. */
export async function verifyMethodsOf(db: Db, contactId: string): Promise<void> {
  await db
    .update(contactMethods)
    .set({ verifiedAt: new Date() })
    .where(and(eq(contactMethods.contactId, contactId), isNull(contactMethods.verifiedAt)));
}

/** A contact method as stored (its verification hash, tries, times). */
export async function methodRow(db: Db, methodId: string) {
  const [row] = await db.select().from(contactMethods).where(eq(contactMethods.id, methodId));
  if (!row) throw new Error(`no contact method ${methodId}`);
  return row;
}
