import { z } from 'zod';
import { emailSchema, nameSchema, passwordSchema } from '../../../shared/contracts/common.js';
import { limits } from '../../../shared/limits.js';
import { adminNameFromEmail, createAccount, type NewAccount } from '../../modules/setup/index.js';
import { systemContext } from '../../modules/audit/index.js';
import type { Db } from '../../platform/db/pool.js';
import { writeLine, type CliIo } from '../io.js';
import { parseOptions, validateOptions } from '../options.js';
import { runWithDatabase } from '../run-with-database.js';

const spec = {
  name: { required: true },
  'admin-email': { required: true },
  'admin-password': { required: true },
  'admin-name': { required: false },
};

const schema = z.object({
  name: z.string().trim().min(1, { message: 'Required' }).max(limits.accountName),
  'admin-email': emailSchema,
  'admin-password': passwordSchema,
  'admin-name': nameSchema.optional(),
});

/** The arguments of `account create`, checked with the API's own rules; throws a UsageError listing every problem. */
export function parseAccountCreate(args: string[]): NewAccount {
  const v = validateOptions(schema, parseOptions(args, spec));
  return {
    accountName: v.name,
    adminEmail: v['admin-email'],
    adminPassword: v['admin-password'],
    // as the start-up bootstrap does: the e-mail's local part until the administrator renames themselves
    adminName: v['admin-name'] ?? adminNameFromEmail(v['admin-email']),
  };
}

export interface CreatedAccount {
  accountId: string;
  companyId: string;
  adminId: string;
  adminEmail: string;
}

/** Creates the account (with its first company, administrator and audit events) as the system. */
export async function createAccountFromCli(db: Db, input: NewAccount): Promise<CreatedAccount> {
  const { account, company, admin } = await createAccount(db, systemContext('cli'), input);
  return { accountId: account.id, companyId: company.id, adminId: admin.id, adminEmail: admin.email };
}

export async function accountCreateCommand(args: string[], io: CliIo): Promise<number> {
  const input = parseAccountCreate(args);
  const created = await runWithDatabase(io, ({ db }) => createAccountFromCli(db, input));
  writeLine(io.stdout, `account id: ${created.accountId}`);
  writeLine(io.stdout, `company id: ${created.companyId}`);
  writeLine(io.stdout, `administrator id: ${created.adminId}`);
  writeLine(io.stderr, `tandem: account created; ${created.adminEmail} can now sign in`);
  return 0;
}
