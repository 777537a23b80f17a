import { asc, eq, sql } from 'drizzle-orm';
import { preparedQuery } from '../../platform/db/prepared.js';
import type { Queryable } from '../../platform/db/pool.js';
import { accounts } from '../../platform/tenancy/tables.js';
import type { SecondFactorKind } from '../../../shared/contracts/auth.js';
import { passkeys } from '../passkeys/tables.js';
import { userTotp } from '../two-factor/tables.js';
import { passwordRefusedColumn } from './sso-only.js';
import { companyIdsColumn, type UserWithAccess } from '../users/index.js';
import { users } from '../users/tables.js';

/** A user signing in with a password: their companies, the second factors they may give (a confirmed authenticator, a passkey) and whether their password is refused (single sign-on only), in one statement. */
export type SignInUser = UserWithAccess & { secondFactors: SecondFactorKind[]; passwordRefused: boolean };

/** A sign-in candidate: the user, their companies, whether they have an authenticator, and their account's name. */
export type SignInCandidate = SignInUser & { accountName: string };

// every sign-in's first read: prepared
const signInUsers = preparedQuery('sign_in_users', (db) =>
  db
    .select({
      user: users,
      accountName: accounts.name,
      companyIds: companyIdsColumn,
      hasConfirmedTotp: sql<boolean>`exists (select 1 from ${userTotp} where ${userTotp.userId} = ${users.id} and ${userTotp.confirmedAt} is not null)`,
      hasPasskey: sql<boolean>`exists (select 1 from ${passkeys} where ${passkeys.userId} = ${users.id})`,
      passwordRefused: passwordRefusedColumn,
    })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(eq(users.email, sql.placeholder('email')))
    .orderBy(asc(accounts.name), asc(accounts.id)),
);

/**
 * Every user who may be signing in with this e-mail, one per account that has it (by account
 * name), in one statement: the password then tells which of them it is (`auth/account-choice.ts`).
 */
export async function findSignInUsers(db: Queryable, email: string): Promise<SignInCandidate[]> {
  const rows = await signInUsers(db, { email: email.toLowerCase() });
  return rows.map((r) => ({
    ...r.user,
    companyIds: r.companyIds,
    secondFactors: [
      ...(r.hasConfirmedTotp ? (['totp'] as const) : []),
      ...(r.hasPasskey ? (['passkey'] as const) : []),
    ],
    passwordRefused: r.passwordRefused,
    accountName: r.accountName,
  }));
}
