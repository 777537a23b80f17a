import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Role } from '../../../src/shared/permissions.js';
import type { Module } from '../../../src/shared/licence.js';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { hashPassword } from '../../../src/server/platform/crypto/passwords.js';
import { sha256 } from '../../../src/server/platform/crypto/secrets.js';
import { insertUser, updateUser } from '../../../src/server/modules/users/index.js';
import { insertAssignment } from '../../../src/server/modules/seats/index.js';
import { invitations, users } from '../../../src/server/modules/users/tables.js';

export const testPassword = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export const uniqueEmail = (who: string) => `${who}-${randomBytes(4).toString('hex')}@example.test`;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  accountId: string;
}

export interface UserOptions {
  role?: Role;
  /** the companies they work in; the account's first unless told (administrators: all) */
  companies?: readonly string[];
  /** access to every company whatever the role (administrators always have it) */
  allCompanies?: boolean;
  status?: 'active' | 'disabled' | 'invited';
  name?: string;
  email?: string;
  language?: 'en' | 'fr';
  /** seats held, assigned by the account's first administrator */
  seats?: readonly Module[];
}

/** A user of the account, password `testPassword` (none when invited). */
export async function aUser(
  db: Db,
  account: { id: string; companyIds: readonly string[]; admin: { id: string } },
  options: UserOptions = {},
): Promise<TestUser> {
  const role = options.role ?? 'technician';
  const status = options.status ?? 'active';
  passwordHash ??= hashPassword(testPassword);
  const email = options.email ?? uniqueEmail(role);
  const user = await insertUser(
    db,
    {
      accountId: account.id,
      email,
      name: options.name ?? `Test ${role}`,
      passwordHash: status === 'invited' ? null : await passwordHash,
      role,
      status,
      language: options.language ?? 'en',
      timeZone: 'UTC',
      allCompanies: options.allCompanies ?? role === 'administrator',
    },
    options.companies ?? account.companyIds.slice(0, 1),
  );
  for (const module of options.seats ?? [])
    await insertAssignment(db, { accountId: account.id, userId: user.id, module, assignedBy: account.admin.id });
  return { id: user.id, email, role, accountId: account.id };
}

/** A seat of `module` for an existing user, as an administrator assigns it. */
export async function aSeat(
  db: Db,
  user: { id: string; accountId: string },
  module: Module,
  assignedBy: string,
): Promise<void> {
  await insertAssignment(db, { accountId: user.accountId, userId: user.id, module, assignedBy });
}

/** Changes a user's profile, role or status through the users repository (their contact follows), without an audit row. */
export async function changeUser(
  db: Db,
  user: { id: string; accountId: string },
  patch: Parameters<typeof updateUser>[3],
): Promise<void> {
  await updateUser(db, user.accountId, user.id, patch);
}

/**
 * An open invitation of the user with a known token (a fresh one unless given), valid for
 * `hours` (72, as an administrator's invitation is, unless told).
 */
export async function anInvitation(
  db: Db,
  user: { id: string; accountId: string },
  options: { token?: string; hours?: number } = {},
): Promise<{ token: string }> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  await db.insert(invitations).values({
    accountId: user.accountId,
    userId: user.id,
    tokenHash: sha256(token),
    expiresAt: sql`now() + make_interval(hours => ${options.hours ?? 72})`,
  });
  return { token };
}

/** The user's invitations have just expired. */
export async function expireInvitationsOf(db: Db, userId: string): Promise<void> {
  await db
    .update(invitations)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(eq(invitations.userId, userId));
}

/** The user's invitations as stored. */
export async function invitationsOf(db: Db, userId: string) {
  return db.select().from(invitations).where(eq(invitations.userId, userId));
}

/** The users of any account stored with exactly this e-mail. */
export async function usersStoredWithEmail(db: Db, email: string) {
  return db.select().from(users).where(eq(users.email, email));
}

/** A user as stored, or undefined once deleted. */
export async function userRowOrNone(db: Db, userId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  return row;
}

/** A user as stored. */
export async function userRow(db: Db, userId: string) {
  const row = await userRowOrNone(db, userId);
  if (!row) throw new Error(`no user ${userId}`);
  return row;
}

/** The company the user's console switcher was left on, as if they had chosen it. */
export async function withCompanyFilter(db: Db, userId: string, companyId: string | null): Promise<void> {
  await db.update(users).set({ companyFilter: companyId }).where(eq(users.id, userId));
}
