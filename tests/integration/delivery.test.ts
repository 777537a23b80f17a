import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { describe, expect, it } from 'vitest';
import {
  enqueueEmail,
  enqueueShortMessage,
  writeMessage,
  type EmailToSend,
} from '../../src/server/platform/mail/outbox.js';
import { channels } from '../../src/server/platform/realtime/channels.js';
import { NotifyHub } from '../../src/server/platform/realtime/notify-hub.js';
import { renderEmail } from '../../src/server/platform/mail/render.js';
import { msUntilNextDue } from '../../src/server/platform/mail/outbox-repository.js';
import { runMigrations } from '../../src/server/platform/db/migrate.js';
import { jobSchema, queues, retiredQueues } from '../../src/server/platform/jobs/queues.js';
import { translations } from '../../src/shared/i18n/index.js';
import { anAccount, first, nth, outboxMessageState, outboxRow, outboxRowsTo } from '../support/builders/index.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { startSmtpServer } from '../support/smtp.js';
import { smtpTransport, startFakeGateway, startTestDelivery } from './delivery-support.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Mail', companies: 1 });

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
Object.assign(translations.en, {
  mailTest: {
    subject: 'Hello {{name}}',
    body: 'Dear {{name}},\n\nWelcome.',
    action: 'Open Tandem',
    sms: 'Hi {{name}}',
  },
});
Object.assign(translations.fr, {
  mailTest: {
    subject: 'Bonjour {{name}}',
    body: 'Cher {{name}},\n\nBienvenue.',
    action: 'Ouvrir Tandem',
    sms: 'Salut {{name}}',
  },
});

const statusOf = (id: string) => outboxRow(db, id);

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

describe('the outbox written in the causing transaction', () => {
  it('keeps a message only if its transaction commits, and wakes delivery only then', async () => {
    const hub = new NotifyHub({ url: database.url });
    await hub.start();
    const wakeUps: unknown[] = [];
    const unsubscribe = await hub.subscribe(channels.outbox, (payload) => wakeUps.push(payload));
    const rowsTo = async (to: string) => (await outboxRowsTo(db, to)).map((row) => ({ status: row.status }));
    let id = '';
    await db
      .transaction(async (tx) => {
        id = await enqueueEmail(tx, email('rolled@example.test', 'Rolled'));
        tx.rollback();
      })
      .catch(() => {});
    expect(await rowsTo('rolled@example.test')).toHaveLength(0);
    const kept = await db.transaction((tx) => enqueueEmail(tx, email('kept@example.test', 'Kept')));
    expect(await rowsTo('kept@example.test')).toEqual([{ status: 'queued' }]);
    await expect.poll(() => wakeUps).toContainEqual({ id: kept });
    expect(wakeUps).not.toContainEqual({ id });
    unsubscribe();
    await hub.stop();
  });

  it('keeps messages in the outbox when no SMTP or gateway is configured, readable by administrators only', async () => {
    const delivery = await startTestDelivery(database, {});
    const id = await db.transaction((tx) => enqueueEmail(tx, email('dan@example.test', '<b>Dan</b>')));
    const sms = await db.transaction((tx) =>
      enqueueShortMessage(tx, {
        accountId: account.id,
        kind: 'test',
        channel: 'sms',
        to: '+33612345678',
        language: 'en',
        template: 'mailTest',
        params: { name: 'Dan' },
      }),
    );
    await expect.poll(async () => (await statusOf(id)).status, { timeout: 10_000 }).toBe('held');
    await expect.poll(async () => (await statusOf(sms)).status, { timeout: 10_000 }).toBe('held');
    const admin = await signIn(app, account.admin.email);
    const list = await call(app, admin, { method: 'GET', url: '/api/v1/outbox?status=held&recipient=dan@' });
    expect(list.json().items).toEqual([
      expect.objectContaining({ id, subject: 'Hello <b>Dan</b>', status: 'held', attempts: 0 }),
    ]);
    const one = await call(app, admin, { method: 'GET', url: `/api/v1/outbox/${id}` });
    expect(one.json().bodyHtml).toContain('&lt;b&gt;Dan&lt;/b&gt;');
    await delivery.stop();
  });
});

describe('e-mail over SMTP', () => {
  it('delivers through a real SMTP conversation soon after the commit, under the sender name of the settings', async () => {
    const smtp = await startSmtpServer();
    const delivery = await startTestDelivery(database, { email: smtpTransport(smtp.url) });
    const admin = await signIn(app, account.admin.email);
    await call(app, admin, {
      method: 'PATCH',
      url: '/api/v1/settings',
      payload: { values: { 'notifications.senderName': 'Acme "Support"' } },
    });
    const id = await db.transaction((tx) => enqueueEmail(tx, email('ada@example.test', 'Ada')));
    const mail = first(await smtp.waitFor(1));
    expect(mail.subject).toBe('Hello Ada');
    expect(mail.from?.value[0]).toMatchObject({ name: 'Acme Support', address: 'tandem@example.test' });
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('ada@example.test');
    expect(mail.text).toContain('Dear Ada');
    expect(mail.html).toContain('Open Tandem');
    await expect.poll(async () => (await statusOf(id)).status).toBe('sent');
    // a message about a company goes out under that company's override, as it stands when sent
    const companySettings = `/api/v1/companies/${account.companyIds[0]}/settings`;
    await call(app, admin, {
      method: 'PATCH',
      url: companySettings,
      payload: { values: { 'notifications.senderName': 'Helpdesk <Nord>' } },
    });
    await db.transaction((tx) =>
      enqueueEmail(tx, { ...email('bea@example.test', 'Bea'), companyId: account.companyIds[0] }),
    );
    const forCompany = nth(await smtp.waitFor(2), 1);
    expect(forCompany.from?.value[0]).toMatchObject({ name: 'Helpdesk <Nord>', address: 'tandem@example.test' });
    await call(app, admin, {
      method: 'PATCH',
      url: companySettings,
      payload: { values: { 'notifications.senderName': null } },
    });
    await call(app, admin, {
      method: 'PATCH',
      url: '/api/v1/settings',
      payload: { values: { 'notifications.senderName': null } },
    });
    await delivery.stop();
    await smtp.close();
  });

  it('drains a backlog at the speed of delivery, not one message per polling interval', async () => {
    const smtp = await startSmtpServer();
    const delivery = await startTestDelivery(database, { email: smtpTransport(smtp.url) });
    // one commit, one wake-up: the rest is found by workers looking again as soon as they finish
    await db.transaction(async (tx) => {
      for (let i = 0; i < 10; i++) await enqueueEmail(tx, email(`backlog-${i}@example.test`, `Reader ${i}`));
    });
    // two workers polling every 2 s would need about 8 s for ten messages
    await smtp.waitFor(10, 5000);
    await delivery.stop();
    await smtp.close();
  });

  it('SMTP outage: messages written while the server is down arrive once it is back, each exactly once, in order per recipient', async () => {
    const first = await startSmtpServer();
    const port = first.port;
    const delivery = await startTestDelivery(database, { email: smtpTransport(`smtp://127.0.0.1:${port}`) });
    await first.close(); // the outage starts
    const recipients = ['ops1@example.test', 'ops2@example.test'];
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      for (const to of recipients)
        ids.push(await db.transaction((tx) => enqueueEmail(tx, email(to, `${to.slice(0, 4)}-${i}`))));
    }
    await expect
      .poll(async () => (await statusOf(nth(ids, 0))).lastError, { timeout: 15_000 })
      .toMatch(/ECONNREFUSED|connect/i);
    const smtp = await startSmtpServer(port); // the outage ends
    const mails = await smtp.waitFor(8, 30_000);
    await new Promise((r) => setTimeout(r, 1500)); // nothing more arrives
    expect(mails).toHaveLength(8);
    for (const to of recipients) {
      const subjects = mails.filter((m) => (m.to && 'text' in m.to ? m.to.text : '') === to).map((m) => m.subject);
      expect(subjects).toEqual([0, 1, 2, 3].map((i) => `Hello ${to.slice(0, 4)}-${i}`));
    }
    for (const id of ids) expect((await statusOf(id)).status).toBe('sent');
    await delivery.stop();
    await smtp.close();
  });

  it('marks a message failed (dead letter) after the last attempt; “retry now” sends it again', async () => {
    const smtp = await startSmtpServer();
    const delivery = await startTestDelivery(database, { email: smtpTransport('smtp://127.0.0.1:9') });
    const id = await db.transaction(async (tx) => {
      const written = await enqueueEmail(tx, email('carol@example.test', 'Carol'));
      await outboxMessageState(tx, written, { attempts: 7 });
      return written;
    });
    await expect.poll(async () => (await statusOf(id)).status, { timeout: 10_000 }).toBe('failed');
    expect(await statusOf(id)).toMatchObject({
      attempts: 8,
      lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
    });
    await delivery.stop();
    // "retry now" from the delivery log, once SMTP works: a fresh set of attempts, sent at once
    const working = await startTestDelivery(database, { email: smtpTransport(smtp.url) });
    const admin = await signIn(app, account.admin.email);
    const log = await call(app, admin, { method: 'GET', url: '/api/v1/outbox?status=failed&recipient=carol' });
    expect(log.json().items[0]).toMatchObject({
      id,
      status: 'failed',
      attempts: 8,
      lastError: expect.any(String),
      channel: 'email',
    });
    const retried = await call(app, admin, { method: 'POST', url: `/api/v1/outbox/${id}/retry` });
    expect(retried.statusCode).toBe(202);
    expect(retried.json()).toMatchObject({ status: 'queued', attempts: 0 });
    await smtp.waitFor(1);
    await expect.poll(async () => (await statusOf(id)).status).toBe('sent');
    expect((await call(app, admin, { method: 'POST', url: `/api/v1/outbox/${id}/retry` })).statusCode).toBe(409);
    await working.stop();
    await smtp.close();
  });

  it('sends each message once even with two processes working on the queue', async () => {
    const smtp = await startSmtpServer();
    const one = await startTestDelivery(database, { email: smtpTransport(smtp.url) });
    const two = await startTestDelivery(database, { email: smtpTransport(smtp.url) });
    await db.transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await enqueueEmail(tx, email(`many${i % 3}@example.test`, `N${i}`));
    });
    const mails = await smtp.waitFor(30, 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(mails).toHaveLength(30);
    expect(new Set(mails.map((m) => m.subject)).size).toBe(30);
    await one.stop();
    await two.stop();
    await smtp.close();
  });

  it('sends again what a stopped process left sending; a message interrupted on its last attempt is a dead letter', async () => {
    const ids = await db.transaction(async (tx) => {
      const left = await enqueueEmail(tx, email('left@example.test', 'Left'));
      const last = await enqueueEmail(tx, email('last@example.test', 'Last'));
      const recent = await enqueueEmail(tx, email('recent@example.test', 'Recent'));
      // claimed by a process that stopped: ten minutes ago, and one of them on its last attempt
      await outboxMessageState(tx, left, { status: 'sending', attempts: 1, nextAttemptMinutesAgo: 10 });
      await outboxMessageState(tx, last, { status: 'sending', attempts: 8, nextAttemptMinutesAgo: 10 });
      // claimed a moment ago: another process may be sending it right now
      await outboxMessageState(tx, recent, { status: 'sending', attempts: 1, nextAttemptMinutesAgo: 0 });
      return { left, last, recent };
    });
    const smtp = await startSmtpServer();
    const delivery = await startTestDelivery(database, { email: smtpTransport(smtp.url) });
    const mail = first(await smtp.waitFor(1));
    expect(mail.subject).toBe('Hello Left');
    await expect.poll(async () => (await statusOf(ids.left)).status).toBe('sent');
    expect(await statusOf(ids.last)).toMatchObject({
      status: 'failed',
      lastError: 'The delivery was interrupted repeatedly.',
    });
    expect((await statusOf(ids.recent)).status).toBe('sending');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received).toHaveLength(1);
    await outboxMessageState(db, ids.recent, { status: 'failed' });
    await delivery.stop();
    await smtp.close();
  });

  it('sends many recipients side by side, each recipient’s messages one after the other in order', async () => {
    const smtp = await startSmtpServer();
    const delivery = await startTestDelivery(database, { email: smtpTransport(smtp.url) });
    await db.transaction(async (tx) => {
      for (let i = 0; i < 40; i++) await enqueueEmail(tx, email(`round${i % 4}@example.test`, `R${i}`));
    });
    const mails = await smtp.waitFor(40, 20_000);
    for (let r = 0; r < 4; r++) {
      const subjects = mails
        .filter((m) => (m.to && 'text' in m.to ? m.to.text : '') === `round${r}@example.test`)
        .map((m) => m.subject);
      expect(subjects).toEqual(Array.from({ length: 10 }, (_, k) => `Hello R${r + 4 * k}`));
    }
    await delivery.stop();
    await smtp.close();
  });

  it('counts a queued message already due as due now, so a worker never sleeps its idle 30 s past it', async () => {
    const undo = new Error('rolled back');
    // in a transaction no worker sees: a message that became due a moment ago, as after a claim that just missed it
    await expect(
      db.transaction(async (tx) => {
        await writeMessage(tx, {
          accountId: account.id,
          channel: 'email',
          kind: 'test',
          to: 'due-now@example.test',
          subject: 'Now',
          bodyText: 'Now',
          urgent: false,
          notBefore: new Date(Date.now() - 1000),
        });
        expect(await msUntilNextDue(tx)).toBe(0);
        throw undo;
      }),
    ).rejects.toBe(undo);
  });

  it('counts a message waiting behind its recipient’s earlier one at that one’s time, so a worker does not spin', async () => {
    const undo = new Error('rolled back');
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`update outbox_messages set status = 'failed' where status = 'queued'`);
        const message = (subject: string) => ({
          accountId: account.id,
          channel: 'email' as const,
          kind: 'test',
          to: 'in-order@example.test',
          subject,
          bodyText: subject,
        });
        const earlier = await writeMessage(tx, message('First'));
        await writeMessage(tx, message('Second'));
        // the first failed once and is retried in a minute: the second, due, waits for it
        await tx.execute(
          sql`update outbox_messages set next_attempt_at = now() + interval '60 seconds' where id = ${earlier}`,
        );
        const ms = await msUntilNextDue(tx);
        expect(ms).toBeGreaterThan(59_000);
        expect(ms!).toBeLessThanOrEqual(60_000);
        throw undo;
      }),
    ).rejects.toBe(undo);
  });

  it('holds a non-urgent message until the end of quiet hours', async () => {
    const smtp = await startSmtpServer();
    const delivery = await startTestDelivery(database, { email: smtpTransport(smtp.url) });
    const notBefore = new Date(Date.now() + 3000);
    const id = await db.transaction((tx) =>
      writeMessage(tx, {
        accountId: account.id,
        channel: 'email',
        kind: 'test',
        to: 'quiet@example.test',
        subject: 'Later',
        bodyText: 'Later',
        urgent: false,
        notBefore,
      }),
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect((await statusOf(id)).status).toBe('queued');
    expect(smtp.received).toHaveLength(0);
    await smtp.waitFor(1, 15_000);
    expect(Date.now()).toBeGreaterThanOrEqual(notBefore.getTime());
    await delivery.stop();
    await smtp.close();
  });
});

describe('SMS and voice through the Twilio-compatible gateway', () => {
  it('gateway outage: every SMS and call arrives once the gateway recovers, exactly once, in order', async () => {
    const fake = await startFakeGateway();
    fake.state.failing = true;
    const delivery = await startTestDelivery(database, { sms: fake.gateway });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        await db.transaction((tx) =>
          enqueueShortMessage(tx, {
            accountId: account.id,
            kind: 'test',
            channel: 'sms',
            to: '+33612345678',
            language: 'en',
            template: 'mailTest',
            params: { name: `S${i}` },
          }),
        ),
      );
    }
    ids.push(
      await db.transaction((tx) =>
        enqueueShortMessage(tx, {
          accountId: account.id,
          kind: 'test',
          channel: 'voice',
          to: '+33612345678',
          language: 'fr',
          template: 'mailTest',
          params: { name: '<Zoé>' },
        }),
      ),
    );
    await expect.poll(async () => (await statusOf(first(ids))).lastError, { timeout: 15_000 }).toMatch(/503/);
    expect(fake.refusedCount()).toBeGreaterThan(0);
    fake.state.failing = false; // the gateway recovers
    const accepted = await fake.waitFor(4, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(accepted).toHaveLength(4);
    expect(accepted.filter((a) => a.resource === 'Messages').map((a) => a.form.Body)).toEqual([
      'Hi S0',
      'Hi S1',
      'Hi S2',
    ]);
    expect(first(accepted).form).toMatchObject({ To: '+33612345678', From: '+15005550006' });
    expect(first(accepted).authorization).toBe(`Basic ${Buffer.from('AC123:secret-token').toString('base64')}`);
    const call = accepted.find((a) => a.resource === 'Calls')!;
    expect(call.form.Twiml).toBe('<Response><Say language="fr-FR">Salut &lt;Zoé&gt;</Say></Response>');
    for (const id of ids) expect((await statusOf(id)).status).toBe('sent');
    await delivery.stop();
  });
});

describe('upgrading from a version that delivered with a job per message', () => {
  it('deletes the job queues it used, with their jobs and their schedule', async () => {
    const boss = new PgBoss({ connectionString: database.url, schema: jobSchema, supervise: false, migrate: false });
    await boss.start();
    await boss.createQueue('deliver-dead', { name: 'deliver-dead' });
    await boss.createQueue('deliver', { name: 'deliver', deadLetter: 'deliver-dead' });
    await boss.createQueue('deliver-sweep', { name: 'deliver-sweep' });
    await boss.send('deliver', { id: '00000000-0000-4000-8000-000000000001' });
    await boss.schedule('deliver-sweep', '* * * * *');
    await boss.stop({ graceful: false, wait: true });
    await runMigrations(database.url);
    const queueNames = (await db.execute<{ name: string }>(sql`select name from tandem_jobs.queue`)).rows.map(
      (r) => r.name,
    );
    expect(queueNames).not.toEqual(expect.arrayContaining(['deliver']));
    for (const retired of retiredQueues) expect(queueNames).not.toContain(retired);
    expect(queueNames).toEqual(expect.arrayContaining(Object.values(queues)));
    expect((await db.execute(sql`select 1 from tandem_jobs.schedule where name like 'deliver%'`)).rows).toHaveLength(0);
    expect((await db.execute(sql`select 1 from tandem_jobs.job where name like 'deliver%'`)).rows).toHaveLength(0);
  });
});
