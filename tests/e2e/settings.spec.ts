import { expect, test, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { screenshots } from './support/screenshots.js';

const snap = screenshots('settings-');

async function choose(page: Page, scope: ReturnType<Page['locator']>, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('settings: account values and locks, a company override with its source, reset, and a lock refusing an override', async ({
  page,
}) => {
  const account = createAccount('Settings');
  await signInAs(page, account.email, account.password);

  // the account's language becomes French; recording is locked to "always"
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const language = page.locator('[data-setting="general.language"]');
  await choose(page, language, 'Language', 'Français');
  await language.getByRole('button', { name: 'Save' }).click();
  await expect(language.getByText('Account', { exact: true })).toBeVisible();

  const recording = page.locator('[data-setting="sessions.recording"]');
  await choose(page, recording, 'Session recording', 'Always');
  await recording.getByRole('button', { name: 'Save' }).click();
  await expect(recording.getByText('Account', { exact: true })).toBeVisible();
  await recording.getByRole('switch', { name: 'Lock for all companies' }).click({ force: true });
  await expect(recording.getByRole('switch')).toBeChecked();

  // a bad value is refused on its field and not saved
  const wait = page.locator('[data-setting="portal.waitTimeoutSeconds"]');
  await wait.getByLabel('Wait before a chat becomes a question').fill('5');
  await wait.getByRole('button', { name: 'Save' }).click();
  await expect(wait.getByText(/15 or more/)).toBeVisible();
  await snap(page, 'account');

  // the time zone shows its default (UTC) when the account has chosen none
  const accountZone = page.locator('[data-setting="general.timeZone"]');
  await expect(accountZone.getByLabel('Time zone', { exact: true })).toHaveValue('UTC (UTC+00:00)');
  await expect(accountZone.getByText('Default: UTC', { exact: false })).toBeVisible();
  await expect(accountZone.getByText('Default', { exact: true })).toBeVisible();

  // the company's Settings tab: where each value comes from
  await page.goto(`/companies/${account.companyId}/settings`);
  const timeZone = page.locator('[data-setting="general.timeZone"]');
  await expect(timeZone.getByText('Default', { exact: true })).toBeVisible();
  await expect(page.locator('[data-setting="general.language"]').getByText('Account', { exact: true })).toBeVisible();
  await timeZone.getByRole('button', { name: 'Override' }).click();
  await timeZone.getByLabel('Time zone', { exact: true }).fill('Asia/Tokyo');
  await page.getByRole('option', { name: /^Asia\/Tokyo \(UTC/ }).click();
  await timeZone.getByRole('button', { name: 'Save' }).click();
  await expect(timeZone.getByText('This company', { exact: true })).toBeVisible();
  await expect(timeZone.getByTestId('effective')).toHaveText('Asia/Tokyo');
  await snap(page, 'company-override');

  await timeZone.getByRole('button', { name: 'Reset to inherited' }).click();
  await expect(timeZone.getByText('Default', { exact: true })).toBeVisible();
  await expect(timeZone.getByTestId('effective')).toHaveText('UTC');

  // the locked setting shows why it cannot be overridden, and the API refuses it
  const lockedRow = page.locator('[data-setting="sessions.recording"]');
  await expect(lockedRow.getByText('Locked by the account', { exact: true })).toBeVisible();
  await expect(lockedRow.getByText('The account locked this setting', { exact: false })).toBeVisible();
  await expect(lockedRow.getByRole('button', { name: 'Override' })).toHaveCount(0);
  const csrf = (await (await page.request.get('/api/v1/me')).json()).csrfToken as string;
  const refused = await page.request.patch(`/api/v1/companies/${account.companyId}/settings`, {
    data: { values: { 'sessions.recording': 'off' } },
    headers: { 'x-csrf-token': csrf },
  });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error.details[0].message).toBe('The account has locked this setting');
  await snap(page, 'company-locked');

  // the history of a setting, from the audit log
  await page.goto('/settings');
  await page.locator('[data-setting="sessions.recording"]').getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog');
  await expect(history.getByText('"always"', { exact: false }).first()).toBeVisible();
  await snap(page, 'history');
});
