import { expect, test, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { startAgent, type RunningAgent } from './support/device-agent.js';
import { apiOk } from './support/device-session.js';
import { readState } from './server-state.js';
import { screenshots } from './support/screenshots.js';

const snap = screenshots('device-scripts-');

/**
 * A saved script run from the console on a real tandem-agent (enrolled into the test server, its
 * control socket open; no screen needed): saved on the Scripts page, run from the device's page,
 * its exit code and output read on the run's page — the output shown as text, never as markup.
 */
test.describe.configure({ mode: 'serial' });

let page: Page;
let agent: RunningAgent;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const account = createAccount('Device scripts');
  const context = await browser.newContext({ baseURL: readState().baseURL, locale: 'en-US' });
  page = await context.newPage();
  await signInAs(page, account.email, account.password);
  const me = await apiOk<{ user: { id: string } }>(page, 'GET', '/api/v1/me');
  await apiOk(page, 'POST', '/api/v1/seats/remoteSupport/assignments', { userId: me.user.id });
  const company = await apiOk<{ dataKey: string | null }>(page, 'GET', `/api/v1/companies/${account.companyId}`);
  if (!company.dataKey) throw new Error("the administrator was not shown the company's data key");
  agent = await startAgent({
    baseURL: readState().baseURL,
    dataKey: company.dataKey,
    name: 'Build server',
    display: {},
  });
  await agent.waitForOutput(/control socket connected/, 60_000);
});

test.afterAll(async () => {
  await agent?.stop();
  await page?.context().close();
});

test('saves a script, runs it on a device and reads its exit code and output', async () => {
  test.setTimeout(90_000);
  // the Scripts page is reached from the Devices page's header
  await page.goto('/devices');
  await page.getByRole('link', { name: 'Scripts', exact: true }).click();
  await expect(page).toHaveURL(/\/scripts$/);
  await page.getByRole('button', { name: 'New script' }).click();
  const dialog = page.getByRole('dialog', { name: 'New script' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Say hello');
  await dialog
    .getByRole('textbox', { name: 'Script', exact: true })
    .fill('echo "hello from the device"\necho "<b>not bold</b>" >&2\nexit 3\n');
  await snap(page, 'new');
  await dialog.getByRole('button', { name: 'Save script' }).click();
  await expect(page.locator('[data-script="Say hello"]')).toBeVisible();
  await snap(page, 'list');

  await page.goto(`/devices/${agent.deviceId}`);
  await page.getByRole('button', { name: 'Run script' }).click();
  const run = page.getByRole('dialog', { name: /Run a script on 1 device/ });
  await run.getByRole('combobox', { name: 'Script' }).click();
  await page.getByRole('option', { name: /Say hello/ }).click();
  await snap(page, 'run-dialog');
  await run.getByRole('button', { name: 'Run', exact: true }).click();

  await expect(page).toHaveURL(/\/scripts\/runs\/[0-9a-f-]{36}$/);
  const row = page.locator('[data-device="Build server"]');
  await expect(row).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(row.getByTestId('exit-code')).toHaveText('3');
  const output = row.getByTestId('output');
  await expect(output).toContainText('hello from the device');
  await expect(output).toContainText('<b>not bold</b>');
  await expect(output.locator('b')).toHaveCount(0);
  await expect(page.getByTestId('run-counts')).toContainText('Failed · 1');
  await snap(page, 'run');

  // the run's page in French
  await page.getByRole('button', { name: 'Language: English' }).click();
  await page.getByRole('menuitem', { name: 'Français' }).click();
  await expect(page.getByTestId('run-counts')).toContainText('Échoué · 1');
  await snap(page, 'run-fr');
  await page.getByRole('button', { name: /Langue\s*:/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
});
