import { expect, test, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { waitForMail } from './support/mailbox.js';
import { screenshots } from './support/screenshots.js';

const snap = screenshots('reports-');

async function api(page: Page, url: string) {
  const res = await page.request.get(url);
  expect(res.status(), `GET ${url}: ${await res.text()}`).toBe(200);
  return res.json();
}

test('reports: an administrator schedules a daily inventory report, sends it now, finds the e-mail and the run, and downloads it', async ({
  page,
}) => {
  const account = createAccount('Reports');
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened in the console: ${d.message()}`);
  });
  await signInAs(page, account.email, account.password);

  // Configure › Scheduled reports
  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1, name: 'Scheduled reports' })).toBeVisible();
  await page.getByRole('button', { name: 'New schedule' }).click();
  const dialog = page.getByRole('dialog', { name: 'New schedule' });
  await dialog.getByLabel(/^Name/).fill('Daily inventory <b>');
  await dialog.getByRole('combobox', { name: 'Frequency' }).click();
  await page.getByRole('option', { name: 'Daily', exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Time' }).fill('07:30');
  // the recipient is found by typing: the picker searches the server
  await dialog.getByRole('combobox', { name: 'Recipients' }).fill(account.email.split('@')[0]!);
  await page.getByRole('option', { name: new RegExp(account.email.replace(/[.]/g, '\\.')) }).click();
  await page.keyboard.press('Escape');
  await snap(page, 'form');
  await dialog.getByRole('button', { name: 'Create the schedule' }).click();

  // the schedule's page: what it sends, when next (localised), and its empty history
  await expect(page.getByRole('heading', { level: 1, name: 'Daily inventory <b>' })).toBeVisible();
  await expect(page.getByText(/Every day at 07:30/)).toBeVisible();
  await expect(page.getByText('No runs yet.', { exact: false })).toBeVisible();

  // Send now: the run appears in the history and turns "Sent"
  await page.getByRole('button', { name: 'Send now' }).click();
  const run = page.getByTestId('report-run').first();
  await expect(run).toBeVisible();
  await expect(run.getByText('Sent', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(run.getByText(`<${account.email}>`)).toBeVisible();
  await snap(page, 'history');

  // the e-mail as the SMTP server received it: the summary, the name escaped, the CSV attached
  const mail = await waitForMail(account.email, /Daily inventory <b>/);
  expect(mail.html).toContain('Daily inventory &lt;b&gt;');
  expect(mail.html).toContain('Device inventory');
  const attached = mail.attachments.find((a) => a.filename.endsWith('.csv'));
  expect(attached?.filename).toMatch(/^device-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(attached!.content.toString('utf8')).toContain('Company,Device,Host name,Status');

  // and in the delivery log, with the summary and the schedule's name escaped
  let message: { subject: string; bodyHtml: string | null; kind: string } | null = null;
  await expect(async () => {
    const list = (await api(page, `/api/v1/outbox?recipient=${encodeURIComponent(account.email)}&kind=report`)) as {
      items: { id: string }[];
    };
    expect(list.items.length).toBeGreaterThan(0);
    message = await api(page, `/api/v1/outbox/${list.items[0]!.id}`);
  }).toPass({ timeout: 15_000 });
  expect(message!.subject).toContain('Daily inventory <b>');
  expect(message!.bodyHtml).toContain('Daily inventory &lt;b&gt;');
  expect(message!.bodyHtml).toContain('Device inventory');
  expect(message!.bodyHtml).toContain('attached as a CSV file');

  // the run's CSV downloads from the history
  const [download] = await Promise.all([page.waitForEvent('download'), run.getByRole('link', { name: 'CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^device-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'Company,Device,Host name,Status,Platform,Operating system,OS version,IP addresses,Agent version,Tags,Enrolled,Last seen',
  );

  // the list shows the schedule with its last run
  await page.goto('/reports');
  const row = page.getByRole('row', { name: /Daily inventory <b>/ });
  await expect(row.getByText('Sent')).toBeVisible();
  await snap(page, 'list');
});
