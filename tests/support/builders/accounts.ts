import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import type { Actor } from '../../../src/server/platform/authz.js';
import { createAccount } from '../../../src/server/modules/setup/index.js';
import { systemContext } from '../../../src/server/modules/audit/index.js';
import { accounts } from '../../../src/server/platform/tenancy/tables.js';
import { companies } from '../../../src/server/modules/companies/tables.js';
import { updateLicence } from '../../../src/server/modules/seats/index.js';
import { upsertAccountSetting } from '../../../src/server/modules/settings/index.js';
import { accountSettings } from '../../../src/server/modules/settings/tables.js';
import { testPassword, uniqueEmail, type TestUser } from './users.js';

/** `N` company ids, as a tuple: `account.companyIds[1]` is a string when the account was built with two. */
export type CompanyIds<N extends number, Acc extends string[] = [string]> = number extends N
  ? [string, ...string[]]
  : Acc['length'] extends N
    ? Acc
    : Acc['length'] extends 8
      ? [string, ...string[]]
      : CompanyIds<N, [...Acc, string]>;

export interface TestAccount<C extends readonly string[] = readonly [string, ...string[]]> {
  id: string;
  /** the first company is the one made with the account */
  companyIds: C;
  admin: TestUser;
}

/**
 * An account with its first administrator (password `testPassword`) and `companies` companies in
 * all (at least one, two unless told).
 */
export async function anAccount<N extends number = 2>(
  db: Db,
  options: { name?: string; companies?: N } = {},
): Promise<TestAccount<CompanyIds<N>>> {
  const name = options.name ?? 'Acme';
  const count = options.companies ?? 2;
  const email = uniqueEmail('admin');
  const { account, company, admin } = await createAccount(db, systemContext('test'), {
    accountName: `${name} ${randomBytes(3).toString('hex')}`,
    adminName: `${name} Admin`,
    adminEmail: email,
    adminPassword: testPassword,
  });
  const more = [];
  for (let i = 2; i <= count; i++) more.push(await aCompany(db, { id: account.id }, { name: `${name} company ${i}` }));
  return {
    id: account.id,
    companyIds: [company.id, ...more] as CompanyIds<N>,
    admin: { id: admin.id, email, role: 'administrator', accountId: account.id },
  };
}

/** One more company in the account, written as the companies repository writes one (no audit row). */
export async function aCompany(db: Db, account: { id: string }, options: { name?: string } = {}): Promise<string> {
  const [row] = await db
    .insert(companies)
    .values({ accountId: account.id, name: options.name ?? `Company ${randomBytes(3).toString('hex')}` })
    .returning({ id: companies.id });
  if (!row) throw new Error('no company inserted');
  return row.id;
}

/** A company's stored data key (what enrolment checks), read from the table. */
export async function dataKeyOf(db: Db, companyId: string): Promise<string> {
  const rows = await db.select({ dataKey: companies.dataKey }).from(companies).where(eq(companies.id, companyId));
  const [row] = rows;
  if (!row) throw new Error(`no company ${companyId}`);
  return row.dataKey;
}

/** Renames a company, as an administrator's edit would (no audit row). */
export async function renameCompany(db: Db, companyId: string, name: string): Promise<void> {
  await db.update(companies).set({ name }).where(eq(companies.id, companyId));
}

/** The account's licence: seats and device limit. */
export async function withLicence(
  db: Db,
  account: { id: string },
  licence: { deviceLimit?: number; remoteSupportSeats?: number; serviceDeskSeats?: number },
): Promise<void> {
  await updateLicence(db, account.id, licence);
}

/** An account-wide setting stored as an administrator would save it. */
export async function anAccountSetting(
  db: Db,
  account: { id: string },
  key: string,
  value: unknown,
  options: { locked?: boolean } = {},
): Promise<void> {
  await upsertAccountSetting(db, account.id, key, { value, locked: options.locked });
}

/** The account's first administrator as a service sees them. */
export function adminActor(account: TestAccount): Actor {
  return {
    userId: account.admin.id,
    accountId: account.id,
    name: 'Test administrator',
    email: account.admin.email,
    role: 'administrator',
    allCompanies: true,
    companyIds: account.companyIds,
    via: 'session',
    tokenId: null,
  };
}

/** Removes an account-wide setting straight from its table (no service, no audit row): what the database announces is all the servers learn. */
export async function removeAccountSetting(db: Db, account: { id: string }, key: string): Promise<void> {
  await db.delete(accountSettings).where(and(eq(accountSettings.accountId, account.id), eq(accountSettings.key, key)));
}

/** The account's name as stored. */
export async function accountNameOf(db: Db, accountId: string): Promise<string> {
  const [row] = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
  if (!row) throw new Error(`no account ${accountId}`);
  return row.name;
}
