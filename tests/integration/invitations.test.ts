import { describe, expect, it } from 'vitest';
import { call, createTestApp, type Caller } from '../support/test-app.js';
import {
  accountNameOf,
  anAccount,
  auditActionsOf,
  expireInvitationsOf,
  first,
  userRow,
  outboxRowsTo,
} from '../support/builders/index.js';
import { accept, invitationTokenFor, invite, sessionOf, type Invited } from './users-support.js';

const { app, database } = await createTestApp({ TANDEM_PUBLIC_URL: 'https://tandem.example.test/' });
const db = database.db;

async function setting(): Promise<{
  admin: Caller;
  companyIds: [string, string];
  accountName: string;
  invited: Invited;
}> {
  const account = await anAccount(db, { name: 'Invites', companies: 2 });
  const admin = await sessionOf(database, account.admin);
  const invited = await invite(app, database, admin, {
    name: 'Ivy Invited',
    role: 'technician',
    companyIds: [account.companyIds[0]],
  });
  const name = await accountNameOf(database.db, account.id);
  return { admin, companyIds: account.companyIds, accountName: name, invited };
}

const describeToken = (token: string) => app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });

const expireInvitations = (userId: string) => expireInvitationsOf(database.db, userId);

describe('the invitation link', () => {
  it('points at the public address and shows who is invited, to which account, until when', async () => {
    const { invited, accountName } = await setting();
    const mail = first(await outboxRowsTo(database.db, invited.email));
    expect(mail.bodyText).toContain(`https://tandem.example.test/invitation/${invited.token}`);
    const res = await describeToken(invited.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ email: invited.email, name: 'Ivy Invited', accountName, language: 'en' });
    const hours = (Date.parse(res.json().expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
  });

  it('answers the same 404 for unknown, expired, revoked and accepted links', async () => {
    const unknown = await describeToken('x'.repeat(43));
    expect(unknown.statusCode).toBe(404);
    const body = unknown.json();

    const expired = await setting();
    await expireInvitations(expired.invited.id);
    const revoked = await setting();
    expect(
      (await call(app, revoked.admin, { method: 'DELETE', url: `/api/v1/users/${revoked.invited.id}/invitation` }))
        .statusCode,
    ).toBe(204);
    const accepted = await setting();
    expect((await accept(app, accepted.invited.token)).res.statusCode).toBe(200);

    for (const token of [expired.invited.token, revoked.invited.token, accepted.invited.token]) {
      const res = await describeToken(token);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(body);
      const acceptance = await accept(app, token);
      expect(acceptance.res.statusCode).toBe(404);
      expect(acceptance.res.json()).toEqual(body);
    }
    expect(body.error.message).toMatch(/not valid/);
  });

  it('stops working when the invited user is disabled', async () => {
    const { admin, invited } = await setting();
    await call(app, admin, { method: 'POST', url: `/api/v1/users/${invited.id}/disable` });
    expect((await describeToken(invited.token)).statusCode).toBe(404);
    expect((await accept(app, invited.token)).res.statusCode).toBe(404);
  });
});

describe('accepting', () => {
  it('sets the password, activates the user and signs them in like sign-in does', async () => {
    const { invited } = await setting();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${invited.token}/accept`,
      payload: { password: 'my very own password', name: 'Ivy Renamed', language: 'fr', timeZone: 'Europe/Paris' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({
      email: invited.email,
      name: 'Ivy Renamed',
      status: 'active',
      language: 'fr',
      timeZone: 'Europe/Paris',
      role: 'technician',
    });
    expect(res.json().csrfToken).toBeTypeOf('string');
    const cookie = res.cookies.find((c) => c.name === 'tandem_session')!;
    expect(cookie.httpOnly).toBe(true);
    const session: Caller = {
      headers: { cookie: `tandem_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken },
    };
    const me = await call(app, session, { method: 'GET', url: '/api/v1/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(invited.email);
    // the new password works at the sign-in page
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: invited.email, password: 'my very own password' },
    });
    expect(login.statusCode).toBe(200);
    expect(await auditActionsOf(database.db, invited.id)).toEqual(
      expect.arrayContaining(['user.invite', 'user.accept_invitation', 'auth.login']),
    );
    const stored = await userRow(database.db, invited.id);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('works once only', async () => {
    const { invited } = await setting();
    expect((await accept(app, invited.token)).res.statusCode).toBe(200);
    const again = await accept(app, invited.token, 'another long password');
    expect(again.res.statusCode).toBe(404);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: invited.email, password: 'another long password' },
    });
    expect(login.statusCode).toBe(401);
  });

  it('lets only one of simultaneous acceptances through', async () => {
    const { invited } = await setting();
    const results = await Promise.all([1, 2, 3].map((i) => accept(app, invited.token, `password number ${i}`)));
    expect(results.map((r) => r.res.statusCode).sort()).toEqual([200, 404, 404]);
  });

  it('applies the password policy and checks the time zone, leaving the invitation usable', async () => {
    const { invited } = await setting();
    const short = await accept(app, invited.token, 'short');
    expect(short.res.statusCode).toBe(400);
    expect(short.res.json().error.details[0]).toMatchObject({ path: 'password' });
    const zone = await app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${invited.token}/accept`,
      payload: { password: 'long enough password', timeZone: 'Atlantis/Capital' },
    });
    expect(zone.statusCode).toBe(400);
    expect((await describeToken(invited.token)).statusCode).toBe(200);
    expect((await accept(app, invited.token)).res.statusCode).toBe(200);
  });

  it('refuses an expired invitation', async () => {
    const { invited } = await setting();
    await expireInvitations(invited.id);
    expect((await accept(app, invited.token)).res.statusCode).toBe(404);
    const stored = await userRow(database.db, invited.id);
    expect({ status: stored.status, passwordHash: stored.passwordHash }).toEqual({
      status: 'invited',
      passwordHash: null,
    });
  });
});

describe('resending and revoking', () => {
  it('resends with a new link and a new expiry; the old link stops working', async () => {
    const { admin, invited } = await setting();
    await expireInvitations(invited.id);
    const listed = await call(app, admin, { method: 'GET', url: `/api/v1/users/${invited.id}` });
    expect(listed.json().invitation.expired).toBe(true);
    expect(listed.json().abilities).toMatchObject({ resendInvitation: true, revokeInvitation: false });

    const res = await call(app, admin, { method: 'POST', url: `/api/v1/users/${invited.id}/invitation` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().invitation.expired).toBe(false);
    const fresh = await invitationTokenFor(database, invited.email);
    expect(fresh).not.toBe(invited.token);
    expect((await outboxRowsTo(database.db, invited.email)).map((m) => m.kind)).toEqual(['invitation', 'invitation']);
    expect((await describeToken(invited.token)).statusCode).toBe(404);
    expect((await describeToken(fresh)).statusCode).toBe(200);

    // resending again revokes the previous, unexpired link too
    await call(app, admin, { method: 'POST', url: `/api/v1/users/${invited.id}/invitation` });
    expect((await describeToken(fresh)).statusCode).toBe(404);
    expect((await accept(app, await invitationTokenFor(database, invited.email))).res.statusCode).toBe(200);
  });

  it('revokes a pending invitation; revoking twice is a 404; resend opens a new one', async () => {
    const { admin, invited } = await setting();
    expect(
      (await call(app, admin, { method: 'DELETE', url: `/api/v1/users/${invited.id}/invitation` })).statusCode,
    ).toBe(204);
    const after = await call(app, admin, { method: 'GET', url: `/api/v1/users/${invited.id}` });
    expect(after.json()).toMatchObject({ status: 'invited', invitation: null });
    expect(
      (await call(app, admin, { method: 'DELETE', url: `/api/v1/users/${invited.id}/invitation` })).statusCode,
    ).toBe(404);
    expect((await call(app, admin, { method: 'POST', url: `/api/v1/users/${invited.id}/invitation` })).statusCode).toBe(
      200,
    );
    expect((await describeToken(await invitationTokenFor(database, invited.email))).statusCode).toBe(200);
  });

  it('refuses to resend or revoke for a user who already accepted (409)', async () => {
    const { admin, invited } = await setting();
    await accept(app, invited.token);
    const resend = await call(app, admin, { method: 'POST', url: `/api/v1/users/${invited.id}/invitation` });
    expect(resend.statusCode).toBe(409);
    expect(resend.json().error.message).toMatch(/already accepted/);
    expect(
      (await call(app, admin, { method: 'DELETE', url: `/api/v1/users/${invited.id}/invitation` })).statusCode,
    ).toBe(409);
    expect((await outboxRowsTo(database.db, invited.email)).length).toBe(1);
  });

  it('refuses technicians (403) and users of another account (404)', async () => {
    const { invited } = await setting();
    const other = await anAccount(db, { name: 'Else', companies: 1 });
    const otherAdmin = await sessionOf(database, other.admin);
    expect(
      (await call(app, otherAdmin, { method: 'POST', url: `/api/v1/users/${invited.id}/invitation` })).statusCode,
    ).toBe(404);
    expect(
      (await call(app, otherAdmin, { method: 'DELETE', url: `/api/v1/users/${invited.id}/invitation` })).statusCode,
    ).toBe(404);
    expect((await describeToken(invited.token)).statusCode).toBe(200);
  });

  it('writes resent invitations in the invitee’s language', async () => {
    const { admin, companyIds } = await setting();
    const french = await invite(app, database, admin, { language: 'fr', companyIds: [companyIds[1]] });
    await call(app, admin, { method: 'POST', url: `/api/v1/users/${french.id}/invitation` });
    for (const mail of await outboxRowsTo(database.db, french.email)) expect(mail.subject).toMatch(/vous invite/);
  });
});

describe('rate limits', () => {
  it('throttles repeated acceptance attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++)
      statuses.push((await accept(app, `guess-${i}`, 'a fine long password', '192.0.2.7')).res.statusCode);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 404 && s !== 429)).toEqual([]);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    // another address is not affected
    expect((await accept(app, 'guess-elsewhere', 'a fine long password', '192.0.2.8')).res.statusCode).toBe(404);
  });
});
