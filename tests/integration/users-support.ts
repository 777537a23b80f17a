import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../src/server/platform/db/pool.js';
import type { App } from '../../src/server/platform/http/types.js';
import { createSession } from '../../src/server/modules/auth/index.js';
import { outboxRowsTo, uniqueEmail } from '../support/builders/index.js';
import { call, sessionCookieOf, type Caller } from '../support/test-app.js';

/** Helpers of the users, invitations and import tests. */

/** The invitation token of the latest invitation e-mail sent to an address. */
export async function invitationTokenFor(database: Database, recipient: string): Promise<string> {
  const invitations = (await outboxRowsTo(database.db, recipient.toLowerCase())).filter((m) => m.kind === 'invitation');
  const last = invitations.at(-1);
  const token = last ? /\/invitation\/([A-Za-z0-9_-]+)/.exec(last.bodyText)?.[1] : undefined;
  if (token === undefined) throw new Error(`no invitation e-mail to ${recipient}`);
  return token;
}

export interface Invited {
  id: string;
  email: string;
  token: string;
}

/** Invites someone through the API and reads their token from the outbox. */
export async function invite(
  app: App,
  database: Database,
  admin: Caller,
  body: { email?: string; name?: string; role?: string; companyIds: string[] | 'all'; language?: string },
): Promise<Invited> {
  const email = body.email ?? uniqueEmail('person');
  const res = await call(app, admin, {
    method: 'POST',
    url: '/api/v1/users',
    payload: { name: 'Invited Person', role: 'technician', ...body, email },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, email: email.toLowerCase(), token: await invitationTokenFor(database, email) };
}

let addresses = 0;
/** A client address of its own, so that tests do not share the per-address rate limits. */
export const freshAddress = () => `10.${(++addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;

/** Accepts an invitation (from a fresh client address unless given one) and returns the signed-in caller. */
export async function accept(
  app: App,
  token: string,
  password = 'a fine long password',
  remoteAddress = freshAddress(),
): Promise<{ res: LightMyRequestResponse; caller: Caller }> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/invitations/${token}/accept`,
    payload: { password },
    remoteAddress,
  });
  if (res.statusCode !== 200) return { res, caller: { headers: {} } };
  return {
    res,
    caller: { headers: { cookie: `tandem_session=${sessionCookieOf(res)}`, 'x-csrf-token': res.json().csrfToken } },
  };
}

/**
 * A signed-in session made directly in the database, as sign-in makes it: these tests sign in
 * dozens of people, more than the sign-in route's rate limit lets through.
 */
export async function sessionOf(database: Database, user: { id: string; accountId: string }): Promise<Caller> {
  const session = await createSession(database.db, {
    accountId: user.accountId,
    userId: user.id,
    ip: null,
    userAgent: 'test',
  });
  return { headers: { cookie: `tandem_session=${session.cookieValue}`, 'x-csrf-token': session.csrfToken } };
}
