import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/shared/permissions.js';
import type { Db } from '../../src/server/platform/db/pool.js';
import { hashPassword } from '../../src/server/platform/crypto/passwords.js';
import { createAccount } from '../../src/server/modules/setup/index.js';
import { systemContext } from '../../src/server/modules/audit/index.js';
import { companies } from '../../src/server/modules/companies/tables.js';
import { insertUser } from '../../src/server/modules/users/index.js';

export const testPassword = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export const uniqueEmail = (who: string) => `${who}-${randomBytes(4).toString('hex')}@example.test`;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  accountId: string;
}

export interface TestAccount {
  id: string;
  companyIds: string[];
  admin: TestUser;
}

/** An account with its first administrator and `extraCompanies` more companies. */
export async function makeAccount(db: Db, name = 'Acme', extraCompanies = 1): Promise<TestAccount> {
  const email = uniqueEmail('admin');
  const { account, company, admin } = await createAccount(db, systemContext('test'), {
    accountName: `${name} ${randomBytes(3).toString('hex')}`,
    adminName: `${name} Admin`,
    adminEmail: email,
    adminPassword: testPassword,
  });
  const more = extraCompanies
    ? await db
        .insert(companies)
        .values(
          Array.from({ length: extraCompanies }, (_, i) => ({
            accountId: account.id,
            name: `${name} company ${i + 2}`,
          })),
        )
        .returning()
    : [];
  return {
    id: account.id,
    companyIds: [company.id, ...more.map((c) => c.id)],
    admin: { id: admin.id, email, role: 'administrator', accountId: account.id },
  };
}

/** A user of `role` in the account, with access to the given companies (administrators: all). */
export async function makeUser(
  db: Db,
  account: TestAccount,
  role: Role,
  companyIds: string[] = [account.companyIds[0]],
  status: 'active' | 'disabled' = 'active',
): Promise<TestUser> {
  passwordHash ??= hashPassword(testPassword);
  const email = uniqueEmail(role);
  const user = await insertUser(
    db,
    {
      accountId: account.id,
      email,
      name: `Test ${role}`,
      passwordHash: await passwordHash,
      role,
      status,
      language: 'en',
      timeZone: 'UTC',
      allCompanies: role === 'administrator',
    },
    companyIds,
  );
  return { id: user.id, email, role, accountId: account.id };
}
