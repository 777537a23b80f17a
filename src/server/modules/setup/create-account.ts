import { defaultLanguage, defaultTimeZone, type Language } from '../../../shared/locales.js';
import type { Db, Tx } from '../../platform/db/pool.js';
import { hashPassword } from '../../platform/crypto/passwords.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { insertUser, type UserRow } from '../users/index.js';
import type { AccountRow } from '../accounts/index.js';
import { insertAccount, insertFirstCompany, type CompanyRow } from './repository.js';

export interface NewAccount {
  accountName: string;
  adminName: string;
  adminEmail: string;
  adminPassword: string;
  language?: Language;
}

/** The first administrator's name until they rename themselves: their e-mail's local part. */
export const adminNameFromEmail = (email: string): string => email.split('@')[0] ?? email;

/**
 * Creates an account with its first company and its first administrator, in one
 * transaction with their audit events. Used by setup, start-up bootstrap and the command line.
 * `inside` lets a caller run its own checks in the same transaction first.
 */
export async function createAccount(
  db: Db,
  ctx: RequestContext,
  input: NewAccount,
  inside?: (tx: Tx) => Promise<void>,
): Promise<{ account: AccountRow; company: CompanyRow; admin: UserRow }> {
  const passwordHash = await hashPassword(input.adminPassword);
  return db.transaction(async (tx) => {
    if (inside) await inside(tx);
    // e-mails are unique within an account: a new account may use an address another one has
    const email = input.adminEmail.toLowerCase();
    const account = await insertAccount(tx, input.accountName);
    const company = await insertFirstCompany(tx, account.id, input.accountName);
    const admin = await insertUser(
      tx,
      {
        accountId: account.id,
        email,
        name: input.adminName,
        passwordHash,
        role: 'administrator',
        status: 'active',
        language: input.language ?? defaultLanguage,
        timeZone: defaultTimeZone,
        allCompanies: true,
      },
      [company.id],
    );
    await recordAudit(tx, ctx, {
      accountId: account.id,
      action: 'account.create',
      objectType: 'account',
      objectId: account.id,
      after: { name: account.name },
    });
    await recordAudit(tx, ctx, {
      accountId: account.id,
      action: 'company.create',
      objectType: 'company',
      objectId: company.id,
      after: { name: company.name },
    });
    await recordAudit(tx, ctx, {
      accountId: account.id,
      action: 'user.create',
      objectType: 'user',
      objectId: admin.id,
      after: { email: admin.email, name: admin.name, role: admin.role },
    });
    return { account, company, admin };
  });
}
