import { and, eq, inArray, sql } from 'drizzle-orm';
import type { StoredAccountSetting } from '../../../shared/settings.js';
import type { Queryable } from '../../platform/db/pool.js';
import { accountSettings, companySettings } from './tables.js';

export interface StoredSettings {
  account: Map<string, StoredAccountSetting>;
  /** company id → key → override */
  companies: Map<string, Map<string, { value: unknown }>>;
}

/**
 * The account's values and locks, and the overrides of the given companies (a second query only when companies are
 * given; one after the other, as `db` may be a transaction's one connection).
 */
export async function loadStoredSettings(
  db: Queryable,
  accountId: string,
  companyIds: readonly string[],
): Promise<StoredSettings> {
  const accountRows = await db.select().from(accountSettings).where(eq(accountSettings.accountId, accountId));
  const companyRows = companyIds.length
    ? await db
        .select()
        .from(companySettings)
        .where(and(eq(companySettings.accountId, accountId), inArray(companySettings.companyId, [...companyIds])))
    : [];
  const account = new Map(
    accountRows.map((r) => [r.key, { value: r.value === null ? undefined : r.value, locked: r.locked }]),
  );
  const companies = new Map<string, Map<string, { value: unknown }>>();
  for (const r of companyRows) {
    if (!companies.has(r.companyId)) companies.set(r.companyId, new Map());
    companies.get(r.companyId)!.set(r.key, { value: r.value });
  }
  return { account, companies };
}

export async function upsertAccountSetting(
  db: Queryable,
  accountId: string,
  key: string,
  patch: { value?: unknown | null; locked?: boolean },
): Promise<void> {
  const value =
    patch.value === undefined ? undefined : patch.value === null ? null : sql`${JSON.stringify(patch.value)}::jsonb`;
  await db
    .insert(accountSettings)
    .values({ accountId, key, value: value ?? null, locked: patch.locked ?? false })
    .onConflictDoUpdate({
      target: [accountSettings.accountId, accountSettings.key],
      set: {
        ...(value !== undefined ? { value } : {}),
        ...(patch.locked !== undefined ? { locked: patch.locked } : {}),
        updatedAt: sql`now()`,
      },
    });
  // a row that sets nothing and locks nothing is no difference from the defaults
  await db
    .delete(accountSettings)
    .where(
      and(
        eq(accountSettings.accountId, accountId),
        eq(accountSettings.key, key),
        sql`${accountSettings.value} is null`,
        eq(accountSettings.locked, false),
      ),
    );
}

export async function setCompanyOverride(
  db: Queryable,
  accountId: string,
  companyId: string,
  key: string,
  value: unknown | null,
): Promise<void> {
  if (value === null) {
    await db.delete(companySettings).where(and(eq(companySettings.companyId, companyId), eq(companySettings.key, key)));
    return;
  }
  const json = sql`${JSON.stringify(value)}::jsonb`;
  await db
    .insert(companySettings)
    .values({ accountId, companyId, key, value: json })
    .onConflictDoUpdate({
      target: [companySettings.companyId, companySettings.key],
      set: { value: json, updatedAt: sql`now()` },
    });
}

/** Whether one of these companies (or any of the account's) overrides a boolean setting to true. */
export async function anyCompanyOverrideIsTrue(
  db: Queryable,
  accountId: string,
  key: string,
  companyIds: readonly string[] | 'all',
): Promise<boolean> {
  const [row] = await db
    .select({ any: sql<boolean>`true` })
    .from(companySettings)
    .where(
      and(
        eq(companySettings.accountId, accountId),
        eq(companySettings.key, key),
        sql`${companySettings.value} = 'true'::jsonb`,
        companyIds === 'all' ? undefined : inArray(companySettings.companyId, [...companyIds]),
      ),
    )
    .limit(1);
  return row !== undefined;
}
