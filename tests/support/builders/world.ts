import type { Role } from '../../../src/shared/permissions.js';
import type { TestApp } from '../test-app.js';
import { bearerFor, signIn, type Caller } from '../test-app.js';
import { anAccount, withLicence, type TestAccount } from './accounts.js';
import { aUser, type TestUser } from './users.js';

export type Who = 'anonymous' | Role;
export const everyone: readonly Who[] = ['anonymous', 'administrator', 'technician', 'viewer'];

/**
 * The cast of the authorization tests. Account A has two companies: the technician and the
 * viewer work in the first only; a colleague works in the second. Account B is another tenant.
 */
export interface World {
  accountA: TestAccount<[string, string]>;
  accountB: TestAccount<[string, string]>;
  users: Record<Role, TestUser> & { colleague: TestUser; otherAccountAdmin: TestUser };
  sessions: Record<Who, Caller>;
  tokens: Record<Who, Caller>;
}

export async function buildWorld({ app, database }: TestApp): Promise<World> {
  const db = database.db;
  const accountA = await anAccount(db, { name: 'Alpha', companies: 2 });
  const accountB = await anAccount(db, { name: 'Bravo', companies: 2 });
  // the matrix enrols devices in both of its passes: the licence never stops a row that expects success
  await withLicence(db, accountA, { deviceLimit: 10_000 });
  const users = {
    administrator: accountA.admin,
    technician: await aUser(db, accountA, { role: 'technician', companies: [accountA.companyIds[0]] }),
    viewer: await aUser(db, accountA, { role: 'viewer', companies: [accountA.companyIds[0]] }),
    colleague: await aUser(db, accountA, { role: 'technician', companies: [accountA.companyIds[1]] }),
    otherAccountAdmin: accountB.admin,
  };
  const sessions = {
    anonymous: { headers: {} },
    administrator: await signIn(app, users.administrator.email),
    technician: await signIn(app, users.technician.email),
    viewer: await signIn(app, users.viewer.email),
  };
  const tokens = {
    anonymous: { headers: {} },
    administrator: await bearerFor(app, sessions.administrator),
    technician: await bearerFor(app, sessions.technician),
    viewer: await bearerFor(app, sessions.viewer),
  };
  return { accountA, accountB, users, sessions, tokens };
}
