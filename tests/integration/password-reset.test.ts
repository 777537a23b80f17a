import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { passwordResets } from '../../src/server/modules/password-reset/tables.js';
import {
  anAccount,
  auditActionsOf,
  auditRowsOf,
  aUser,
  outboxRowsTo,
  sessionsOf,
  testPassword,
  uniqueEmail,
} from '../support/builders/index.js';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import { freshAddress } from './users-support.js';

const { app, database } = await createTestApp({ TANDEM_PUBLIC_URL: 'https://tandem.example.test/' });
const db = database.db;
const account = await anAccount(db, { name: 'Resets', companies: 2 });
const admin = await signIn(app, account.admin.email);
const newPassword = 'a brand new long passphrase';

const ask = (email: string, remoteAddress = freshAddress()) =>
  app.inject({ method: 'POST', url: '/api/v1/password-resets', payload: { email }, remoteAddress });
const describeLink = (token: string) => app.inject({ method: 'GET', url: `/api/v1/password-resets/${token}` });
const complete = (token: string, password = newPassword) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/password-resets/${token}`,
    payload: { password },
    remoteAddress: freshAddress(),
  });
const login = (email: string, password: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: freshAddress(),
  });

async function resetMails(email: string) {
  return (await outboxRowsTo(db, email)).filter((m) => m.kind === 'password_reset');
}

/** The token of the latest reset e-mail to an address. */
async function latestToken(email: string): Promise<string> {
  const token = /\/password-reset\/([A-Za-z0-9_-]+)/.exec((await resetMails(email)).at(-1)?.bodyText ?? '')?.[1];
  if (!token) throw new Error(`no reset e-mail to ${email}`);
  return token;
}

describe('forgot password', () => {
  it('answers the same for an unknown address as for a user, in about the same time, and e-mails only the user', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const unknown = uniqueEmail('nobody');
    const t0 = Date.now();
    const known = await ask(user.email.toUpperCase());
    const t1 = Date.now();
    const stranger = await ask(unknown);
    const t2 = Date.now();
    expect(known.statusCode, known.body).toBe(202);
    expect(stranger.statusCode).toBe(202);
    expect(stranger.body).toBe(known.body);
    expect(Object.keys(stranger.headers).sort()).toEqual(Object.keys(known.headers).sort());
    // both take at least the fixed floor: the timing does not tell which one sent an e-mail
    expect(t1 - t0).toBeGreaterThanOrEqual(290);
    expect(t2 - t1).toBeGreaterThanOrEqual(290);
    expect(Math.abs(t2 - t1 - (t1 - t0))).toBeLessThan(250);

    const [mail] = await resetMails(user.email);
    expect(mail?.subject).toBe('Choose a new Tandem password');
    expect(mail?.bodyText).toContain('https://tandem.example.test/password-reset/');
    expect(await outboxRowsTo(db, unknown)).toEqual([]);
    // the token is stored only as a hash
    const token = await latestToken(user.email);
    const [stored] = await db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(stored?.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await auditActionsOf(db, user.id)).toContain('user.password_reset_request');
  });

  it('e-mails in the user’s language and sends nothing to invited or disabled users', async () => {
    const french = await aUser(db, account, { language: 'fr' });
    const invited = await aUser(db, account, { status: 'invited' });
    const disabled = await aUser(db, account, { status: 'disabled' });
    for (const u of [french, invited, disabled]) expect((await ask(u.email)).statusCode).toBe(202);
    expect((await resetMails(french.email))[0]?.subject).toBe('Choisissez un nouveau mot de passe Tandem');
    expect(await resetMails(invited.email)).toEqual([]);
    expect(await resetMails(disabled.email)).toEqual([]);
  });

  it('sends at most 3 e-mails per address per 15 minutes (answered alike), and refuses a client address past 20 requests', async () => {
    const user = await aUser(db, account);
    for (let i = 0; i < 5; i++) expect((await ask(user.email)).statusCode).toBe(202);
    expect(await resetMails(user.email)).toHaveLength(3);

    const address = freshAddress();
    for (let i = 0; i < 20; i++) expect((await ask(uniqueEmail('spray'), address)).statusCode).toBe(202);
    const refused = await ask(user.email, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // the same refusal for an unknown address
    const refusedUnknown = await ask(uniqueEmail('nobody'), address);
    expect(refusedUnknown.statusCode).toBe(429);
    expect(refusedUnknown.json().error.code).toBe(refused.json().error.code);
  });
});

describe('the reset link', () => {
  it('sets the new password once, ends every session of the user, and is audited', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    await signIn(app, user.email);
    await signIn(app, user.email);
    expect(await sessionsOf(db, { userId: user.id })).toHaveLength(2);
    await ask(user.email);
    const token = await latestToken(user.email);

    const described = await describeLink(token);
    expect(described.statusCode, described.body).toBe(200);
    expect(described.json()).toMatchObject({ email: user.email, language: 'en' });

    const weak = await complete(token, 'short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].path).toBe('password');

    expect((await complete(token)).statusCode).toBe(204);
    expect(await sessionsOf(db, { userId: user.id })).toHaveLength(0);
    expect((await login(user.email, testPassword)).statusCode).toBe(401);
    expect((await login(user.email, newPassword)).statusCode).toBe(200);

    // used once
    const again = await complete(token, 'yet another long passphrase');
    expect(again.statusCode).toBe(404);
    expect((await describeLink(token)).statusCode).toBe(404);
    const [done] = await auditRowsOf(db, user.id, 'user.password_reset_complete');
    expect(done?.after).toMatchObject({ sessionsEnded: 2, sentByAdministrator: false });
  });

  it('expires after an hour', async () => {
    const user = await aUser(db, account);
    await ask(user.email);
    const token = await latestToken(user.email);
    await db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.userId, user.id));
    expect((await describeLink(token)).statusCode).toBe(404);
    expect((await complete(token)).statusCode).toBe(404);
    expect((await login(user.email, testPassword)).statusCode).toBe(200);
  });

  it('stops working when a newer link is sent or the password changes another way', async () => {
    const user = await aUser(db, account);
    await ask(user.email);
    const older = await latestToken(user.email);
    await ask(user.email);
    const newer = await latestToken(user.email);
    expect(newer).not.toBe(older);
    expect((await complete(older)).statusCode).toBe(404);

    const session = await signIn(app, user.email);
    const changed = await call(app, session, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: testPassword, newPassword: 'changed from my account page' },
    });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    expect((await complete(newer)).statusCode).toBe(404);
  });

  it('keeps two-factor sign-in: the next sign-in still asks for the code', async () => {
    const user = await aUser(db, account);
    const session = await signIn(app, user.email);
    const started = await call(app, session, {
      method: 'POST',
      url: '/api/v1/me/two-factor',
      payload: { password: testPassword },
    });
    const secret = String(started.json().manualKey).replace(/\s/g, '');
    const confirmed = await call(app, session, {
      method: 'POST',
      url: '/api/v1/me/two-factor/confirm',
      payload: { code: await generate({ secret }) },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    await ask(user.email);
    expect((await complete(await latestToken(user.email))).statusCode).toBe(204);
    const next = await login(user.email, newPassword);
    expect(next.statusCode).toBe(200);
    expect(next.json()).toMatchObject({ twoFactorRequired: true });
  });
});

describe('an administrator’s “Send a password reset”', () => {
  const send = (caller: Caller, userId: string) =>
    call(app, caller, { method: 'POST', url: `/api/v1/users/${userId}/password-reset` });

  it('e-mails a link naming the administrator, audited as sent by them; the link works', async () => {
    const user = await aUser(db, account, { role: 'viewer' });
    const res = await send(admin, user.id);
    expect(res.statusCode, res.body).toBe(204);
    const [mail] = await resetMails(user.email);
    expect(mail?.bodyText).toContain('Resets Admin');
    const [sent] = await auditRowsOf(db, user.id, 'user.password_reset_send');
    expect(sent?.actorId).toBe(account.admin.id);
    expect((await complete(await latestToken(user.email))).statusCode).toBe(204);
    const [done] = await auditRowsOf(db, user.id, 'user.password_reset_complete');
    expect(done?.after).toMatchObject({ sentByAdministrator: true });
  });

  it('answers 404 for another account’s user, 409 for an invited user, 403 for a technician', async () => {
    const other = await anAccount(db, { name: 'Elsewhere' });
    expect((await send(admin, other.admin.id)).statusCode).toBe(404);
    const invited = await aUser(db, account, { status: 'invited' });
    expect((await send(admin, invited.id)).statusCode).toBe(409);
    const tech = await aUser(db, account, { role: 'technician' });
    const techSession = await signIn(app, tech.email);
    expect((await send(techSession, account.admin.id)).statusCode).toBe(403);
  });
});
