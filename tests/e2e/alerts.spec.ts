import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect as baseExpect, test, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { waitForMail } from './support/mailbox.js';
import { expectFieldError, tr, useLanguage } from './support/field-errors.js';
import { screenshots } from './support/screenshots.js';

/**
 * The alert flow: an administrator creates a contact with an e-mail address and an SMS number,
 * confirms the address through the link of the e-mail Tandem sent (captured by the suite's SMTP
 * server, tests/e2e/support/mailbox.ts), creates a rule, edits it to "device offline for
 * 1 minute", stops a real enrolled agent, and finds the alert in the delivery log and in the mail.
 *
 * Offline detection is made fast by configuration only: the suite's server asks agents for a
 * heartbeat every 10 s (tests/e2e/global-setup.ts) and the company's setting says "offline after
 * 1 missed heartbeat", then the rule's one-minute delay.
 */
const snap = screenshots('alerts-');

const repoRoot = path.resolve(import.meta.dirname, '../..');
// the machine running the suite may be busy: a page gets longer than the default to show what it loaded
const expect = baseExpect.configure({ timeout: 30_000 });

function runAgent(args: string[]): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const child = spawn(path.join(repoRoot, 'node_modules/.bin/tsx'), ['src/agent/main.ts', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  return { child, exited: new Promise((resolve) => child.on('exit', resolve)), output: () => output };
}

async function api(page: Page, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, data?: unknown) {
  const csrf = ((await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken;
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': csrf } });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

/** The latest message of a kind to an address, as Tandem wrote it. */
async function latestMessage(page: Page, to: string, kind: string): Promise<{ subject: string; bodyText: string }> {
  let found: { subject: string; bodyText: string } | null = null;
  await expect(async () => {
    const list = (await api(
      page,
      'GET',
      `/api/v1/outbox?recipient=${encodeURIComponent(to)}&kind=${encodeURIComponent(kind)}`,
    )) as { items: { id: string }[] };
    expect(list.items.length).toBeGreaterThan(0);
    found = (await api(page, 'GET', `/api/v1/outbox/${list.items[0]!.id}`)) as { subject: string; bodyText: string };
  }).toPass({ timeout: 15_000 });
  return found!;
}

test('alerts: a contact with two methods, the e-mail confirmed by its link, a “device offline 1 minute” rule, an agent stopped, the alert in the delivery log', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const account = createAccount('Alerts');
  const suffix = account.email.split('@')[0]!.split('-').at(-1)!;
  const oncallEmail = `oncall-${suffix}@example.test`;
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  page.on('dialog', (dialog) => void dialog.accept());
  await signInAs(page, account.email, account.password);

  // --- a contact with an e-mail address and an SMS number
  await page.goto('/contacts');
  await page.getByRole('button', { name: 'New contact' }).click();
  const create = page.getByRole('dialog', { name: 'New contact' });
  await create.getByLabel(/^Name/).fill('On-call desk');
  await create
    .getByRole('textbox', { name: /^Address or number/ })
    .first()
    .fill(oncallEmail);
  await create.getByRole('button', { name: 'Add a method' }).click();
  await create
    .getByRole('textbox', { name: /^Address or number/ })
    .nth(1)
    .fill('+33 6 12 34 56 78');
  await create.getByRole('button', { name: 'New contact' }).click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]+$/);
  const methods = page.getByRole('table', { name: 'Communication methods' });
  await expect(methods.getByRole('row').filter({ hasText: oncallEmail })).toBeVisible();
  await expect(methods.getByRole('row').filter({ hasText: '+33612345678' })).toBeVisible();
  await snap(page, 'contact');

  // --- the e-mail address is confirmed through the link of the message Tandem sent
  await methods.getByRole('row').filter({ hasText: oncallEmail }).getByRole('button', { name: 'Verify' }).click();
  await expect(methods.getByRole('row').filter({ hasText: oncallEmail }).getByText('Verification sent')).toBeVisible();
  const verification = await waitForMail(oncallEmail, 'Confirm this address for Tandem alerts');
  const link = /https?:\/\/\S+\/contact-verification\/[A-Za-z0-9_-]+/.exec(verification.text);
  expect(link, verification.text).not.toBeNull();
  const visitor = await page.context().browser()!.newPage();
  await visitor.goto(link![0]);
  await expect(visitor.getByText(`${oncallEmail} is confirmed.`)).toBeVisible();
  await visitor.close();
  await page.reload();
  await expect(
    methods.getByRole('row').filter({ hasText: oncallEmail }).getByText('Verified', { exact: true }),
  ).toBeVisible();

  // --- offline after one missed heartbeat, for this company; alerts grouped over 30 s (the shortest window)
  await api(page, 'PATCH', `/api/v1/companies/${account.companyId}/settings`, {
    values: { 'devices.offlineAfterMissedHeartbeats': 1 },
  });
  await api(page, 'PATCH', '/api/v1/settings', { values: { 'notifications.alertGroupSeconds': 30 } });

  // --- the rule: device offline for 1 minute, by e-mail, to the contact
  await page.goto('/alerts');
  await page.getByRole('button', { name: 'New rule' }).click();
  const ruleDialog = page.getByRole('dialog', { name: 'New rule' });
  await ruleDialog.getByLabel(/^Name/).fill('Front desk offline');
  await ruleDialog.getByRole('textbox', { name: /^Delay \(minutes\)/ }).fill('5');
  // the recipient is found by typing part of its name: the picker searches the server
  await ruleDialog.getByRole('combobox', { name: /^Recipients/ }).fill('On-call');
  await page.getByRole('option', { name: /On-call desk/ }).click();
  await expect(ruleDialog.getByRole('checkbox', { name: 'E-mail' })).toBeChecked();
  await ruleDialog.getByRole('button', { name: 'New rule' }).click();
  const ruleRow = page.getByRole('row').filter({ hasText: 'Front desk offline' });
  await expect(ruleRow).toContainText('(5 minutes)');

  // --- edited: the form comes back filled in; the delay becomes one minute
  await ruleRow.getByRole('button', { name: /^Edit/ }).click();
  const editDialog = page.getByRole('dialog', { name: 'Edit the rule Front desk offline' });
  await expect(editDialog.getByLabel(/^Name/)).toHaveValue('Front desk offline');
  await expect(editDialog.getByText('Methods for On-call desk')).toBeVisible();
  await expect(editDialog.getByRole('checkbox', { name: 'E-mail' })).toBeChecked();
  await expect(editDialog.getByRole('checkbox', { name: 'SMS' })).not.toBeChecked();
  await editDialog.getByRole('textbox', { name: /^Delay \(minutes\)/ }).fill('1');
  await editDialog.getByRole('button', { name: 'Save' }).click();
  await expect(editDialog).toBeHidden();
  await expect(ruleRow).toContainText('(1 minute)');
  await snap(page, 'rule');

  // --- a real agent enrols with the company's data key, reports, then stops
  const { dataKey } = (await api(page, 'GET', `/api/v1/companies/${account.companyId}`)) as { dataKey: string };
  const credential = path.join(mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-alerts-agent-')), 'credential.json');
  const enrol = runAgent([
    'enroll',
    '--server',
    baseURL!,
    '--key',
    dataKey,
    '--name',
    'Front desk PC',
    '--credential',
    credential,
  ]);
  expect(await enrol.exited, enrol.output()).toBe(0);
  const agent = runAgent(['run', '--credential', credential]);
  try {
    await page.goto('/devices');
    await expect(page.locator('tr[data-device="Front desk PC"] [data-status="online"]')).toBeVisible({
      timeout: 30_000,
    });
  } finally {
    agent.child.kill('SIGTERM');
    await agent.exited;
  }
  const stoppedAt = Date.now();

  // --- the alert: written once the device has been offline for a minute, by e-mail only
  await page.goto('/outbox');
  const alertRow = page.getByRole('row').filter({ hasText: 'Device offline: Front desk PC' });
  await expect(async () => {
    await page.reload();
    await expect(alertRow).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 240_000, intervals: [5_000] });
  const waited = Math.round((Date.now() - stoppedAt) / 1000);
  console.log(`alert in the delivery log ${waited} s after the agent stopped`);
  await expect(alertRow).toHaveCount(1);
  await expect(alertRow).toContainText(oncallEmail);
  await snap(page, 'delivery-log');
  const alert = await latestMessage(page, oncallEmail, 'alert_alert');
  expect(alert.subject).toBe('Device offline: Front desk PC');
  expect(alert.bodyText).toContain('has been offline for more than 1 minute(s)');
  expect(alert.bodyText).toContain('Rule: Front desk offline');
  // delivered over SMTP: the delivery log says sent, and the message arrived
  await expect(async () => {
    await page.reload();
    await expect(alertRow).toContainText('Sent', { timeout: 2_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  const captured = await waitForMail(oncallEmail, 'Device offline: Front desk PC');
  expect(captured.text).toContain('Rule: Front desk offline');
  // the rule's method is e-mail: nothing to the SMS number
  const sms = (await api(
    page,
    'GET',
    `/api/v1/outbox?recipient=${encodeURIComponent('+33612345678')}&kind=alert_alert`,
  )) as { items: unknown[] };
  expect(sms.items).toHaveLength(0);
  expect(pageErrors).toEqual([]);
});

test('alert rules: every missing field marked, an unverified method refused on its field, a delay of 0 said “immediately”, in English and French', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const account = createAccount('AlertForm');
  page.on('dialog', (dialog) => void dialog.accept());
  await signInAs(page, account.email, account.password);
  // a contact whose only e-mail address is not verified yet
  await api(page, 'POST', '/api/v1/contacts', {
    name: 'Unverified desk',
    methods: [{ type: 'email', value: `unverified-${Date.now()}@example.test` }],
  });

  for (const language of ['en', 'fr'] as const) {
    await useLanguage(page, language);
    const t = (key: string, values?: Record<string, string | number>) => tr(language, 'alerts', key, values);
    const v = (key: string, values?: Record<string, string | number>) => tr(language, 'validation', key, values);
    await page.goto('/alerts');
    await page
      .getByRole('button', { name: t('alerts.new') })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: t('alerts.new') });
    // sent empty: the name and the recipients are marked at once
    await dialog.getByRole('button', { name: t('alerts.new') }).click();
    await expectFieldError(
      dialog.getByRole('textbox', { name: new RegExp(`^${t('alerts.fields.name')}`) }),
      v('validation.required'),
    );
    await expect(dialog.getByText(v('validation.too_few', { min: 1 }))).toBeVisible();
    // a delay of 0 is valid and said so
    await dialog
      .getByRole('textbox', { name: new RegExp(`^${t('alerts.fields.delay').replace(/[()]/g, '\\$&')}`) })
      .fill('0');
    await expect(dialog.getByTestId('delay-immediately')).toHaveText(t('alerts.immediately'));
    // the only method of the recipient is not verified: the server refuses it on the recipient's methods
    await dialog
      .getByRole('textbox', { name: new RegExp(`^${t('alerts.fields.name')}`) })
      .fill(`Unverified ${language}`);
    await dialog.getByRole('combobox', { name: new RegExp(`^${t('alerts.fields.recipients')}`) }).fill('Unverified');
    await page.getByRole('option', { name: /Unverified desk/ }).click();
    await dialog.getByRole('button', { name: t('alerts.new') }).click();
    await expect(dialog.getByText(v('validation.unverified_method'))).toBeVisible();
    await snap(page, `form-errors-${language}`);
    await dialog.getByRole('button', { name: tr(language, '', 'common.cancel') }).click();
    await expect(dialog).toBeHidden();
  }
  await useLanguage(page, 'en');
});

test('maintenance windows: planned on the alerts page with its field errors, listed by company, then deleted', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const account = createAccount('Maintenance');
  page.on('dialog', (dialog) => void dialog.accept());
  await signInAs(page, account.email, account.password);
  await page.goto('/alerts');
  await page.getByRole('tab', { name: 'Maintenance windows' }).click();
  await expect(page.getByText('No maintenance window here.')).toBeVisible();
  await page.getByRole('button', { name: 'New maintenance window' }).click();
  const dialog = page.getByRole('dialog', { name: 'New maintenance window' });
  // nothing chosen or written: the company and the reason are marked
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('This field is required.')).toHaveCount(2);
  await expectFieldError(dialog.getByRole('textbox', { name: /^Reason/ }), 'This field is required.');
  // an end before the start: the server's problem on the end
  await dialog.getByRole('combobox', { name: /^Company/ }).click();
  await page.getByRole('option').first().click();
  await dialog.getByRole('textbox', { name: /^Reason/ }).fill('Router replacement');
  await dialog.getByLabel(/^Starts/).fill('2031-03-01T22:00');
  await dialog.getByLabel(/^Ends/).fill('2031-03-01T20:00');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expectFieldError(dialog.getByLabel(/^Ends/), 'The end must come after the start.');
  await dialog.getByText('Drop', { exact: true }).click();
  await snap(page, 'maintenance-form');
  await dialog.getByLabel(/^Ends/).fill('2031-03-02T01:00');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: 'Router replacement' });
  await expect(row).toContainText('Upcoming');
  await expect(row).toContainText('Drop');
  await snap(page, 'maintenance-list');
  // filtered by company: another company has none
  const other = (await api(page, 'POST', '/api/v1/companies', { name: 'Other branch' })) as { id: string };
  expect(other.id).toBeTruthy();
  await page.reload();
  await page.getByRole('tab', { name: 'Maintenance windows' }).click();
  await page.getByRole('combobox', { name: /^Company/ }).click();
  await page.getByRole('option', { name: 'Other branch' }).click();
  await expect(page.getByText('No maintenance window here.')).toBeVisible();
  await page.getByRole('combobox', { name: /^Company/ }).click();
  await page.getByRole('option', { name: 'All companies' }).click();
  await row.getByRole('button', { name: /^Delete/ }).click();
  await expect(row).toBeHidden();
});
