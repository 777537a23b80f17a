import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { oneRow } from '../../platform/db/one-row.js';
import { companies } from '../companies/tables.js';
import { contactCompanies, contactMethods, contacts } from './tables.js';

/** Runs lazy query builders one after the other: a transaction's one connection takes one query at a time. */
async function inTurn<T extends readonly unknown[]>(queries: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query);
  return results as { -readonly [K in keyof T]: Awaited<T[K]> };
}

export type ContactRow = typeof contacts.$inferSelect;
export type MethodRow = typeof contactMethods.$inferSelect;
export type ContactWithParts = ContactRow & { companies: { id: string; name: string }[]; methods: MethodRow[] };

/** Contacts a caller limited to some companies may see: related to all companies, or to one of theirs. */
export function contactVisibleTo(companyIds: readonly string[] | null): SQL | undefined {
  if (companyIds === null) return undefined;
  if (companyIds.length === 0) return eq(contacts.allCompanies, true);
  return or(
    eq(contacts.allCompanies, true),
    sql`exists (select 1 from ${contactCompanies} cc where cc.contact_id = ${contacts.id} and cc.company_id in (${sql.join(
      companyIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}))`,
  );
}

/** Companies and methods of a set of contacts, in two queries. */
async function withParts(db: Queryable, accountId: string, rows: ContactRow[]): Promise<ContactWithParts[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [links, methods] = await inTurn([
    db
      .select({ contactId: contactCompanies.contactId, id: companies.id, name: companies.name })
      .from(contactCompanies)
      .innerJoin(companies, eq(companies.id, contactCompanies.companyId))
      .where(and(eq(contactCompanies.accountId, accountId), inArray(contactCompanies.contactId, ids)))
      .orderBy(asc(companies.name)),
    db
      .select()
      .from(contactMethods)
      .where(and(eq(contactMethods.accountId, accountId), inArray(contactMethods.contactId, ids)))
      .orderBy(asc(contactMethods.createdAt), asc(contactMethods.id)),
  ]);
  return rows.map((r) => ({
    ...r,
    companies: links.filter((l) => l.contactId === r.id).map(({ id, name }) => ({ id, name })),
    methods: methods.filter((m) => m.contactId === r.id),
  }));
}

export async function listContacts(
  db: Queryable,
  accountId: string,
  visible: readonly string[] | null,
  {
    search,
    companyId,
    limit,
    after,
  }: { search?: string; companyId?: string; limit: number; after: [string, string] | null },
) {
  const sortName = sql<string>`lower(${contacts.name})`;
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db
    .select({ contact: contacts, sortName })
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, accountId),
        contactVisibleTo(visible),
        companyId ? contactVisibleTo([companyId]) : undefined,
        pattern
          ? or(
              sql`${contacts.name} ilike ${pattern}`,
              sql`exists (select 1 from ${contactMethods} cm where cm.contact_id = ${contacts.id} and cm.value ilike ${pattern})`,
            )
          : undefined,
        after ? or(gt(sortName, after[0]), and(eq(sortName, after[0]), gt(contacts.id, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(sortName), asc(contacts.id))
    .limit(limit + 1);
  const full = await withParts(
    db,
    accountId,
    rows.map((r) => r.contact),
  );
  return full.map((c, i) => ({ ...c, sortName: rows[i]?.sortName ?? '' }));
}

export async function findContact(
  db: Queryable,
  accountId: string,
  contactId: string,
  visible: readonly string[] | null,
  { forUpdate = false } = {},
): Promise<ContactWithParts | null> {
  const query = db
    .select()
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId), contactVisibleTo(visible)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update', { of: contacts }) : await query;
  if (!row) return null;
  const [withItsParts] = await withParts(db, accountId, [row]);
  return withItsParts ?? null;
}

export async function contactsByIds(
  db: Queryable,
  accountId: string,
  ids: readonly string[],
): Promise<ContactWithParts[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), inArray(contacts.id, [...ids])));
  return withParts(db, accountId, rows);
}

export async function findContactOfUser(db: Queryable, accountId: string, userId: string): Promise<ContactRow | null> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), eq(contacts.userId, userId)))
    .limit(1);
  return row ?? null;
}

export async function insertContact(db: Queryable, values: typeof contacts.$inferInsert): Promise<ContactRow> {
  return oneRow(await db.insert(contacts).values(values).returning(), 'insert contact');
}

export async function updateContactRow(
  db: Queryable,
  accountId: string,
  contactId: string,
  patch: Partial<typeof contacts.$inferInsert>,
): Promise<void> {
  await db
    .update(contacts)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)));
}

export async function deleteContactRow(db: Queryable, accountId: string, contactId: string): Promise<void> {
  await db.delete(contacts).where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)));
}

export async function replaceContactCompanies(
  db: Queryable,
  accountId: string,
  contactId: string,
  companyIds: readonly string[],
): Promise<void> {
  await db.delete(contactCompanies).where(eq(contactCompanies.contactId, contactId));
  if (companyIds.length > 0)
    await db.insert(contactCompanies).values(companyIds.map((companyId) => ({ accountId, contactId, companyId })));
}

export async function insertMethod(db: Queryable, values: typeof contactMethods.$inferInsert): Promise<MethodRow> {
  // clock_timestamp: methods added in one transaction keep the order they were given in
  return oneRow(
    await db
      .insert(contactMethods)
      .values({ createdAt: sql`clock_timestamp()`, ...values })
      .returning(),
    'insert method',
  );
}

export async function updateMethodRow(
  db: Queryable,
  accountId: string,
  methodId: string,
  patch: Partial<typeof contactMethods.$inferInsert>,
): Promise<MethodRow> {
  return oneRow(
    await db
      .update(contactMethods)
      .set(patch)
      .where(and(eq(contactMethods.accountId, accountId), eq(contactMethods.id, methodId)))
      .returning(),
    'update method row',
  );
}

export async function deleteMethodRow(db: Queryable, accountId: string, methodId: string): Promise<void> {
  await db.delete(contactMethods).where(and(eq(contactMethods.accountId, accountId), eq(contactMethods.id, methodId)));
}

/** The method whose e-mailed link carries this token hash, locked: the link works once. */
export async function methodByVerificationHash(db: Queryable, hash: string): Promise<MethodRow | null> {
  const [row] = await db
    .select()
    .from(contactMethods)
    .where(eq(contactMethods.verificationHash, hash))
    .limit(1)
    .for('update');
  return row ?? null;
}

/** Changes the value of a contact's primary method (a user's contact follows their sign-in e-mail). */
export async function setPrimaryMethodValue(db: Queryable, contactId: string, value: string): Promise<void> {
  await db
    .update(contactMethods)
    .set({ value })
    .where(and(eq(contactMethods.contactId, contactId), eq(contactMethods.primary, true)));
}
