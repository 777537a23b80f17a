import type { Db } from '../../src/server/platform/db/pool.js';
import type { App } from '../../src/server/platform/http/types.js';
import { markOnline } from '../../src/server/modules/presence/index.js';
import { call, signIn, type Caller } from '../support/test-app.js';
import { aUser, type TestAccount, type TestUser } from '../support/builders/index.js';

/** Support requests' test helpers: seated and online technicians, submissions, a customer, a visitor's token. */
export async function seated(
  app: App,
  db: Db,
  account: TestAccount,
  admin: Caller,
  modules: ('remoteSupport' | 'serviceDesk')[],
  companyIds = [account.companyIds[0]!],
  role: 'technician' | 'administrator' = 'technician',
) {
  const user: TestUser = await aUser(db, account, { role, companies: companyIds });
  for (const module of modules) {
    const res = await call(app, admin, {
      method: 'POST',
      url: `/api/v1/seats/${module}/assignments`,
      payload: { userId: user.id },
    });
    if (res.statusCode !== 201) throw new Error(`seat: ${res.statusCode} ${res.body}`);
  }
  return { user, caller: await signIn(app, user.email) };
}

export async function online(db: Db, accountId: string, userIds: string[], until = new Date(Date.now() + 60_000)) {
  await markOnline(db, accountId, userIds, until);
}

let ipCounter = 1;
/** A new source address per call unless given: the per-address limit stays out of other tests' way. */
export function submit(
  app: App,
  slug: string,
  payload: object,
  ip = `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`,
) {
  return app.inject({ method: 'POST', url: `/api/portal/${slug}/requests`, payload, remoteAddress: ip });
}

export const customer = (n = 1) => ({
  name: `Customer ${n}`,
  email: `customer${n}@example.test`,
  question: `Help me with thing ${n}`,
});

export const visitor = (token: string) => ({ 'x-visitor-token': token });
