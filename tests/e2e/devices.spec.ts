import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { invitationLink } from './support/invitation-link.js';
import { screenshots } from './support/screenshots.js';
import { agentInventory, enrolDevice } from './support/enrol.js';

/**
 * Issue 5's flow: an administrator copies a company's data key, a real tandem-agent enrols with
 * it and appears online, the inventory is filtered, two devices move to another company after a
 * preview of who loses sight of them, and the first company's technician no longer sees them.
 * A device named like a script is shown as text.
 */
const snap = screenshots('devices-');

const repoRoot = path.resolve(import.meta.dirname, '../..');
const scriptName = `<script>window.__pwned = true</script><img src=x onerror="window.__pwned=true">`;

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

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('devices: copy the data key, enrol an agent, filter, move two devices with the preview, a technician no longer sees them', async ({
  page,
  browser,
  baseURL,
}) => {
  const account = createAccount('Devices');
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  page.on('dialog', (dialog) => {
    pageErrors.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await signInAs(page, account.email, account.password);
  const me = await (await page.request.get('/api/v1/me')).json();
  const csrf = { 'x-csrf-token': me.csrfToken as string };

  // --- a second company, and a technician of the first one
  const annex = await page.request.post('/api/v1/companies', { headers: csrf, data: { name: 'Annex' } });
  expect(annex.status()).toBe(201);
  const techEmail = `devices-tech-${Date.now().toString(36)}@example.test`;
  const invited = await page.request.post('/api/v1/users', {
    headers: csrf,
    data: { email: techEmail, name: 'Tess Technician', role: 'technician', companyIds: [account.companyId] },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const techContext = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Paris' });
  const tech = await techContext.newPage();
  await tech.goto(await invitationLink(page, techEmail));
  await tech.getByRole('textbox', { name: 'Password', exact: true }).fill('tess has a long password');
  await tech.getByLabel('Confirm password').fill('tess has a long password');
  await tech.getByRole('button', { name: 'Choose this password and sign in' }).click();
  await expect(tech.getByRole('heading', { level: 1, name: /Welcome, Tess/ })).toBeVisible();

  // --- the administrator copies the data key from the company page
  await page.goto(`/companies/${account.companyId}/data-key`);
  await page.getByRole('button', { name: 'Show the key' }).click();
  const shown = ((await page.getByTestId('data-key').textContent()) ?? '').trim();
  expect(shown).toMatch(/^tdk_/);
  await page.getByRole('button', { name: 'Copy' }).first().click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  await snap(page, 'data-key');

  // --- a real agent enrols with it, then reports
  const credential = path.join(mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-agent-')), 'credential.json');
  const enrol = runAgent([
    'enroll',
    '--server',
    baseURL!,
    '--key',
    copied,
    '--name',
    'Reception PC',
    '--credential',
    credential,
  ]);
  expect(await enrol.exited, enrol.output()).toBe(0);
  const agent = runAgent(['run', '--credential', credential]);
  try {
    // two more devices of the first company and one named like a script, as their agents would enrol them
    for (const [name, ip] of [
      ['Lab PC 1', '10.20.0.11'],
      ['Lab PC 2', '10.20.0.12'],
      [scriptName, '10.20.0.99'],
    ] as const) {
      await enrolDevice(page, copied, name, agentInventory(`host-${ip}`, ip));
    }

    // --- the inventory: the agent's device is online
    await page.getByRole('link', { name: 'Devices' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Devices' })).toBeVisible();
    const reception = page.locator('tr[data-device="Reception PC"]');
    await expect(reception).toBeVisible();
    await expect(reception.locator('[data-status="online"]')).toBeVisible();
    // the script-like name is plain text: no script ran, no element was made of it
    await expect(page.getByRole('link', { name: scriptName })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await page.locator('tbody script, tbody img').count()).toBe(0);
    await snap(page, 'list');

    // --- filter: the search finds the lab machines by name and by address
    await page.getByLabel('Search').fill('10.20.0.1');
    await expect(page.locator('tbody tr')).toHaveCount(2);
    await expect(page.locator('tr[data-device="Lab PC 1"]')).toBeVisible();
    await expect(page.locator('tr[data-device="Lab PC 2"]')).toBeVisible();
    await expect(page.getByText('2 of 2 devices shown')).toBeVisible();
    await snap(page, 'filtered');

    // --- move both to the Annex, after the preview names the technician who loses sight of them
    await page.getByRole('checkbox', { name: 'Select Lab PC 1' }).check();
    await page.getByRole('checkbox', { name: 'Select Lab PC 2' }).check();
    await page.getByRole('button', { name: 'Move 2 devices' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: /Move to this company/ }).click();
    await page.getByRole('option', { name: 'Annex' }).click();
    await expect(dialog.getByTestId('move-preview')).toContainText(`2 devices move from ${account.name} (2) to Annex.`);
    await expect(dialog.getByTestId('move-lose')).toContainText('Tess Technician');
    await expect(dialog.getByTestId('move-gain')).toContainText('Nobody.');
    await snap(page, 'move-preview');
    await dialog.getByRole('button', { name: 'Move devices' }).click();
    await expect(page.getByText('2 devices moved.')).toBeVisible();
    await page.getByLabel('Search').fill('');
    await expect(page.locator('tr[data-device="Lab PC 1"]')).toContainText('Annex');

    // --- the technician of the first company no longer sees them, but sees the agent's device
    await tech.goto('/devices');
    await expect(tech.locator('tr[data-device="Reception PC"]')).toBeVisible();
    await expect(tech.locator('tr[data-device="Lab PC 1"]')).toHaveCount(0);
    await expect(tech.locator('tr[data-device="Lab PC 2"]')).toHaveCount(0);
    await snap(tech, 'technician');

    // --- detail of the agent's device: inventory from systeminformation and its history
    await page.getByRole('link', { name: 'Reception PC' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reception PC' })).toBeVisible();
    await expect(page.getByTestId('status-history')).toContainText('Online');
    await snap(page, 'detail');
  } finally {
    agent.child.kill('SIGTERM');
    await agent.exited;
  }
  expect(pageErrors).toEqual([]);
});
