import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { startReportJobs } from '../../src/server/modules/reports/index.js';
import { anAccount, countOf, first, only, outboxRowsOfAccount, aDevice } from '../support/builders/index.js';
import { startSmtpServer } from '../support/smtp.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { silent, smtpTransport, startTestDelivery } from './delivery-support.js';
import { createSchedule, parseCsv, reader } from './reports-kit.js';

const { app, database } = await createTestApp();
const db = database.db;

/** A report made and delivered as a Tandem process does it: its own workers, pg-boss jobs, a real SMTP conversation. */
describe('sending', () => {
  it('"Send now" e-mails each recipient in their language with the CSV attached, through real SMTP, and the run can be downloaded', async () => {
    const smtp = await startSmtpServer();
    afterAll(() => smtp.close());
    const delivery = await startTestDelivery(database, { email: smtpTransport(smtp.url) });
    const reports = await startReportJobs({ db, jobs: delivery.jobs, hub: delivery.hub, log: silent });
    afterAll(() => reports.stop());
    const own = await anAccount(db, { name: 'Mailing', companies: 1 });
    const ownAdmin = await signIn(app, own.admin.email);
    await aDevice(db, own.id, own.companyIds[0], { name: '=HYPERLINK("http://evil.test","<b>click</b>")' });
    await aDevice(db, own.id, own.companyIds[0], { name: 'Front desk' });
    const en = await reader(db, own.id, { email: 'en@example.test' });
    const fr = await reader(db, own.id, { email: 'fr@example.test', language: 'fr' });
    const unverified = await reader(db, own.id, { email: 'nope@example.test', verified: false });
    const schedule = await createSchedule(app, ownAdmin, {
      name: 'Inventory <daily>',
      recipientContactIds: [en.id, fr.id, unverified.id],
    });

    const sent = await call(app, ownAdmin, { method: 'POST', url: `/api/v1/report-schedules/${schedule.id}/runs` });
    expect(sent.statusCode).toBe(202);
    const ours = () => smtp.received.filter((m) => /^(en|fr)@example\.test$/.test((m.to as { text: string }).text));
    for (const until = Date.now() + 20_000; ours().length < 2 && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 50));
    const mails = ours();
    expect(mails.map((m) => (m.to as { text: string }).text).sort()).toEqual(['en@example.test', 'fr@example.test']);
    const english = mails.find((m) => (m.to as { text: string }).text === 'en@example.test')!;
    const french = mails.find((m) => (m.to as { text: string }).text === 'fr@example.test')!;
    expect(english.subject).toContain('Inventory <daily>');
    expect(english.html).toContain('Inventory &lt;daily&gt;');
    expect(english.html).not.toContain('<b>click</b>');
    expect(english.html).toContain('Devices per company');
    expect(french.html).toContain('Appareils par société');
    const csv = first(english.attachments);
    expect(csv.contentType).toContain('text/csv');
    const rows = parseCsv(csv.content.toString('utf8'));
    expect(first(rows).slice(0, 2)).toEqual(['Company', 'Device']);
    expect(rows.map((r) => r[1])).toContain('\'=HYPERLINK("http://evil.test","<b>click</b>")');
    expect(first(parseCsv(first(french.attachments).content.toString('utf8'))).slice(0, 2)).toEqual([
      'Société',
      'Appareil',
    ]);

    // the CSV is stored once per language, not copied into each recipient's message
    const stored = await outboxRowsOfAccount(db, own.id, 'report');
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      const attachment = only(row.attachments ?? [], 'attachment');
      expect(attachment.content).toBeUndefined();
      expect(attachment.storedId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const files = await countOf(db, sql`select count(*)::int as n from mail_attachments where account_id = ${own.id}`);
    expect(files).toBe(2);

    // the run tells how its e-mails fared, from the delivery log
    await expect
      .poll(
        async () =>
          (await call(app, ownAdmin, { method: 'GET', url: `/api/v1/report-schedules/${schedule.id}/runs` })).json()
            .items[0].delivery,
      )
      .toEqual({ sent: 2, waiting: 0, failed: 0 });
    const history = await call(app, ownAdmin, { method: 'GET', url: `/api/v1/report-schedules/${schedule.id}/runs` });
    const [run] = history.json().items;
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual', rowCount: 2, hasOutput: true });
    const listed = await call(app, ownAdmin, { method: 'GET', url: '/api/v1/report-schedules' });
    expect(listed.json().items.find((s: { id: string }) => s.id === schedule.id).lastRun.delivery).toEqual({
      sent: 2,
      waiting: 0,
      failed: 0,
    });
    expect(run.recipients.map((r: { address: string | null }) => String(r.address)).sort()).toEqual([
      'en@example.test',
      'fr@example.test',
      'null',
    ]);
    const download = await call(app, ownAdmin, {
      method: 'GET',
      url: `/api/v1/report-schedules/${schedule.id}/runs/${run.id}/report.csv`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(
      /attachment; filename="device-inventory-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(parseCsv(download.body)).toHaveLength(3);
    const summary = await call(app, ownAdmin, {
      method: 'GET',
      url: `/api/v1/report-schedules/${schedule.id}/runs/${run.id}/summary.html?language=fr`,
    });
    expect(summary.headers['content-security-policy']).toContain("default-src 'none'");
    expect(summary.body).toContain('Inventaire des appareils');
  });
});
