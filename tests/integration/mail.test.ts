import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { startOutboxDispatcher } from '../../src/server/platform/mail/dispatcher.js';
import { enqueueEmail, type EmailToSend } from '../../src/server/platform/mail/outbox.js';
import { renderEmail } from '../../src/server/platform/mail/render.js';
import { makeAccount } from '../support/factories.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { startSmtpServer } from '../support/smtp.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await makeAccount(db, 'Mail', 0);
const silent = { info() {}, warn() {}, error() {} };
const dispatchers: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  for (const d of dispatchers) await d.stop();
});

// a template of the shared strings, with a call to action: the footer key is real
const email = (to: string, name: string): EmailToSend => ({
  accountId: account.id,
  kind: 'test',
  to,
  language: 'en',
  template: 'mailTest',
  params: { name },
  action: { url: 'http://localhost:3000/x?a=1&b=2' },
});

// the test template lives in the translations under test only through this stub
import { translations } from '../../src/shared/i18n/index.js';
Object.assign(translations.en, { mailTest: { subject: 'Hello {{name}}', body: 'Dear {{name}},\n\nWelcome.', action: 'Open Tandem' } });
Object.assign(translations.fr, { mailTest: { subject: 'Bonjour {{name}}', body: 'Cher {{name}},\n\nBienvenue.', action: 'Ouvrir Tandem' } });

const statusOf = async (id: string) => (await db.execute<{ status: string; attempts: number; last_error: string | null }>(sql`select status, attempts, last_error from outbox_messages where id = ${id}`)).rows[0];

describe('rendering', () => {
  it('renders subject, text and HTML in the recipient’s language, escaping what people typed', () => {
    const en = renderEmail('en', 'mailTest', { name: '<script>alert(1)</script> & Co' }, 'http://x.test/?a=1&b="2"');
    expect(en.subject).toBe('Hello <script>alert(1)</script> & Co');
    expect(en.text).toContain('Open Tandem: http://x.test/?a=1&b="2"');
    expect(en.html).not.toContain('<script>');
    expect(en.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(en.html).toContain('href="http://x.test/?a=1&amp;b=&quot;2&quot;"');
    const fr = renderEmail('fr', 'mailTest', { name: 'Zoé' });
    expect(fr.subject).toBe('Bonjour Zoé');
    expect(fr.text).toContain('Envoyé par Tandem');
  });

  it('refuses a missing string or parameter instead of sending a broken e-mail', () => {
    expect(() => renderEmail('en', 'nothing.here', {})).toThrow(/missing e-mail string/);
    expect(() => renderEmail('en', 'mailTest', {})).toThrow(/missing e-mail parameter name/);
  });
});

describe('the outbox', () => {
  it('keeps a message only if its transaction commits', async () => {
    await db.transaction(async (tx) => {
      await enqueueEmail(tx, email('rolled@example.test', 'Rolled'));
      tx.rollback();
    }).catch(() => {});
    const rows = await db.execute(sql`select 1 from outbox_messages where recipient = 'rolled@example.test'`);
    expect(rows.rows).toHaveLength(0);
  });

  it('delivers through a real SMTP conversation soon after the commit', async () => {
    const smtp = await startSmtpServer();
    const dispatcher = startOutboxDispatcher({ database, url: database.url, transport: nodemailer.createTransport(smtp.url), from: 'Tandem <tandem@example.test>', log: silent, sweepEveryMs: 60_000 });
    dispatchers.push(dispatcher);
    await dispatcher.ready;
    const id = await db.transaction((tx) => enqueueEmail(tx, email('ada@example.test', 'Ada')));
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toBe('Hello Ada');
    expect(mail.from?.value[0]).toMatchObject({ name: 'Tandem', address: 'tandem@example.test' });
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('ada@example.test');
    expect(mail.text).toContain('Dear Ada');
    expect(mail.html).toContain('Open Tandem');
    await expect.poll(async () => (await statusOf(id)).status).toBe('sent');
    await dispatcher.stop();
    await smtp.close();
  });

  it('sends under the sender name of the account’s settings, or its company’s override', async () => {
    const smtp = await startSmtpServer();
    const dispatcher = startOutboxDispatcher({ database, url: database.url, transport: nodemailer.createTransport(smtp.url), from: 'Tandem <tandem@example.test>', log: silent, sweepEveryMs: 60_000 });
    dispatchers.push(dispatcher);
    await dispatcher.ready;
    const admin = await signIn(app, account.admin.email);
    await call(app, admin, { method: 'PATCH', url: '/api/v1/settings', payload: { values: { 'notifications.senderName': 'Acme "Support"' } } });
    await call(app, admin, { method: 'PATCH', url: `/api/v1/companies/${account.companyIds[0]}/settings`, payload: { values: { 'notifications.senderName': 'Acme HQ' } } });
    await db.transaction((tx) => enqueueEmail(tx, email('eve@example.test', 'Eve')));
    await db.transaction((tx) => enqueueEmail(tx, { ...email('fay@example.test', 'Fay'), companyId: account.companyIds[0] }));
    const mails = await smtp.waitFor(2);
    const fromOf = (to: string) => mails.find((m) => m.subject?.includes(to))!.from!.value[0];
    expect(fromOf('Eve')).toMatchObject({ name: 'Acme Support', address: 'tandem@example.test' });
    expect(fromOf('Fay')).toMatchObject({ name: 'Acme HQ', address: 'tandem@example.test' });
    await call(app, admin, { method: 'PATCH', url: '/api/v1/settings', payload: { values: { 'notifications.senderName': null } } });
    await dispatcher.stop();
    await smtp.close();
  });

  it('retries while SMTP is down and delivers once it is back: nothing due is lost', async () => {
    const probe = await startSmtpServer();
    const port = probe.port;
    await probe.close();
    const dispatcher = startOutboxDispatcher({ database, url: database.url, transport: nodemailer.createTransport(`smtp://127.0.0.1:${port}`), from: 'Tandem <t@example.test>', log: silent, sweepEveryMs: 50 });
    dispatchers.push(dispatcher);
    const id = await db.transaction((tx) => enqueueEmail(tx, email('bob@example.test', 'Bob')));
    await expect.poll(async () => (await statusOf(id)).last_error, { timeout: 10_000 }).toMatch(/ECONNREFUSED|connect/i);
    expect(await statusOf(id)).toMatchObject({ status: 'queued', attempts: 1 });
    // the server comes back; make the retry due now rather than in 30 s
    const smtp = await startSmtpServer(port);
    await db.execute(sql`update outbox_messages set next_attempt_at = now() where id = ${id}`);
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toBe('Hello Bob');
    await expect.poll(async () => (await statusOf(id)).status).toBe('sent');
    await dispatcher.stop();
    await smtp.close();
  });

  it('marks a message failed after the last attempt', async () => {
    const dispatcher = startOutboxDispatcher({ database, url: database.url, transport: nodemailer.createTransport('smtp://127.0.0.1:9'), from: 'x@example.test', log: silent, sweepEveryMs: 60_000 });
    dispatchers.push(dispatcher);
    const id = await db.transaction((tx) => enqueueEmail(tx, email('carol@example.test', 'Carol')));
    await db.execute(sql`update outbox_messages set attempts = 7 where id = ${id}`);
    await dispatcher.flush();
    await expect.poll(async () => (await statusOf(id)).status).toBe('failed');
    expect((await statusOf(id)).attempts).toBe(8);
    await dispatcher.stop();
  });

  it('sends each message once even with two dispatchers (two processes)', async () => {
    const smtp = await startSmtpServer();
    const make = () => startOutboxDispatcher({ database, url: database.url, transport: nodemailer.createTransport(smtp.url), from: 't@example.test', log: silent, sweepEveryMs: 20 });
    const one = make();
    const two = make();
    dispatchers.push(one, two);
    await db.transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await enqueueEmail(tx, email(`many${i}@example.test`, `N${i}`));
    });
    const mails = await smtp.waitFor(30);
    await new Promise((r) => setTimeout(r, 300));
    expect(mails).toHaveLength(30);
    expect(new Set(mails.map((m) => m.subject)).size).toBe(30);
    await one.stop();
    await two.stop();
    await smtp.close();
  });

  it('keeps messages in the outbox when no SMTP is configured, readable by administrators only', async () => {
    const dispatcher = startOutboxDispatcher({ database, url: database.url, transport: null, from: '', log: silent, sweepEveryMs: 60_000 });
    dispatchers.push(dispatcher);
    const id = await db.transaction((tx) => enqueueEmail(tx, email('dan@example.test', '<b>Dan</b>')));
    await dispatcher.flush();
    await expect.poll(async () => (await statusOf(id)).status).toBe('held');
    const admin = await signIn(app, account.admin.email);
    const list = await call(app, admin, { method: 'GET', url: '/api/v1/outbox?status=held&recipient=dan@' });
    expect(list.json().items).toEqual([expect.objectContaining({ id, subject: 'Hello <b>Dan</b>', status: 'held', attempts: 0 })]);
    const one = await call(app, admin, { method: 'GET', url: `/api/v1/outbox/${id}` });
    expect(one.json().bodyHtml).toContain('&lt;b&gt;Dan&lt;/b&gt;');
    await dispatcher.stop();
  });
});
