import { and, asc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { oneRow } from '../../platform/db/one-row.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { ssoDomains, ssoIdentities, ssoProviders, ssoSignIns } from './tables.js';

export type ProviderRow = typeof ssoProviders.$inferSelect;
export type ProviderWithDomains = ProviderRow & { domains: string[] };

const domainsColumn = sql<string[]>`coalesce(
  (select array_agg(d.domain order by d.domain) from sso_domains d where d.provider_id = ${ssoProviders.id}),
  '{}'::text[])`;

export async function listProviders(db: Queryable, accountId: string): Promise<ProviderWithDomains[]> {
  const rows = await db
    .select({ provider: ssoProviders, domains: domainsColumn })
    .from(ssoProviders)
    .where(eq(ssoProviders.accountId, accountId))
    .orderBy(asc(ssoProviders.name), asc(ssoProviders.id));
  return rows.map((r) => ({ ...r.provider, domains: r.domains }));
}

export async function findProvider(db: Queryable, accountId: string, id: string): Promise<ProviderWithDomains | null> {
  const [row] = await db
    .select({ provider: ssoProviders, domains: domainsColumn })
    .from(ssoProviders)
    .where(and(eq(ssoProviders.accountId, accountId), eq(ssoProviders.id, id)))
    .limit(1);
  return row ? { ...row.provider, domains: row.domains } : null;
}

export async function insertProvider(db: Queryable, values: typeof ssoProviders.$inferInsert): Promise<ProviderRow> {
  return oneRow(await db.insert(ssoProviders).values(values).returning(), 'inserting a sign-in provider');
}

export async function updateProvider(
  db: Queryable,
  accountId: string,
  id: string,
  patch: Partial<typeof ssoProviders.$inferInsert>,
): Promise<void> {
  await db
    .update(ssoProviders)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(ssoProviders.accountId, accountId), eq(ssoProviders.id, id)));
}

export async function deleteProvider(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.delete(ssoProviders).where(and(eq(ssoProviders.accountId, accountId), eq(ssoProviders.id, id)));
}

/** Of these domains, those another provider (of any account) already leads to. */
export async function domainsTakenElsewhere(db: Queryable, providerId: string | null, domains: string[]) {
  if (domains.length === 0) return [];
  const rows = await db
    .select({ domain: ssoDomains.domain })
    .from(ssoDomains)
    .where(and(inArray(ssoDomains.domain, domains), providerId ? ne(ssoDomains.providerId, providerId) : sql`true`));
  return rows.map((r) => r.domain);
}

export async function replaceDomains(db: Queryable, accountId: string, providerId: string, domains: string[]) {
  await db.delete(ssoDomains).where(eq(ssoDomains.providerId, providerId));
  if (domains.length > 0) {
    await db.insert(ssoDomains).values(domains.map((domain) => ({ domain, accountId, providerId })));
  }
}

const choice = { id: ssoProviders.id, name: ssoProviders.name };

/** The enabled provider an e-mail domain leads to (none, or one). */
export async function enabledProvidersOfDomain(db: Queryable, domain: string) {
  return db
    .select(choice)
    .from(ssoDomains)
    .innerJoin(ssoProviders, eq(ssoProviders.id, ssoDomains.providerId))
    .where(and(eq(ssoDomains.domain, domain), eq(ssoProviders.enabled, true)));
}

/** An account's name and enabled providers (null: no such account). */
export async function enabledProvidersOfAccount(db: Queryable, accountId: string) {
  const [account] = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
  if (!account) return null;
  const providers = await db
    .select(choice)
    .from(ssoProviders)
    .where(and(eq(ssoProviders.accountId, accountId), eq(ssoProviders.enabled, true)))
    .orderBy(asc(ssoProviders.name), asc(ssoProviders.id));
  return { accountName: account.name, providers };
}

/** An enabled provider, whatever its account (the sign-in knows only its id). */
export async function enabledProvider(db: Queryable, id: string): Promise<ProviderRow | null> {
  const [row] = await db
    .select()
    .from(ssoProviders)
    .where(and(eq(ssoProviders.id, id), eq(ssoProviders.enabled, true)))
    .limit(1);
  return row ?? null;
}

export async function insertSignIn(db: Queryable, values: typeof ssoSignIns.$inferInsert): Promise<void> {
  // ended sign-ins go as new ones come: the table holds only what is under way
  await db.delete(ssoSignIns).where(lt(ssoSignIns.expiresAt, sql`now()`));
  await db.insert(ssoSignIns).values(values);
}

/** Takes a sign-in under way once: a second call with the same state finds nothing. */
export async function takeSignIn(db: Queryable, stateHash: string) {
  const [row] = await db
    .delete(ssoSignIns)
    .where(and(eq(ssoSignIns.stateHash, stateHash), sql`${ssoSignIns.expiresAt} > now()`))
    .returning();
  return row ?? null;
}

export async function linkedUserId(db: Queryable, providerId: string, subject: string): Promise<string | null> {
  const [row] = await db
    .update(ssoIdentities)
    .set({ lastSignInAt: sql`now()` })
    .where(and(eq(ssoIdentities.providerId, providerId), eq(ssoIdentities.subject, subject)))
    .returning({ userId: ssoIdentities.userId });
  return row?.userId ?? null;
}

export async function linkIdentity(db: Queryable, values: typeof ssoIdentities.$inferInsert): Promise<void> {
  await db.insert(ssoIdentities).values(values);
}
