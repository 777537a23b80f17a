import { expect, test, type Page } from './support/test.js';
import { generate } from 'otplib';
import { createAccount, signInAs } from './support/accounts.js';
import { screenshots } from './support/screenshots.js';

const snap = screenshots('');

/** A code of the authenticator app for the key shown on the page, `offset` seconds from now. */
const codeFor = (key: string, offset = 0) =>
  generate({ secret: key.replace(/\s/g, ''), epoch: Math.floor(Date.now() / 1000) + offset });

async function signOut(page: Page, name: string) {
  await page.getByRole('button', { name: `User menu for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByLabel(/^Authentication code/)).toBeVisible();
}

test('seats up to the limit, then two-factor sign-in with a code that cannot be replayed', async ({ page }) => {
  const account = createAccount('Seats');
  const adminName = 'Seats Admin';
  const pageErrors: string[] = [];
  const shapeErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('unexpected answer shape'))
      shapeErrors.push(message.text());
  });

  await signInAs(page, account.email, account.password);

  // A technician to compete for the seat, invited through the API with the browser's session.
  const me = await (await page.request.get('/api/v1/me')).json();
  const invited = await page.request.post('/api/v1/users', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: {
      email: `tech-${account.accountId.slice(0, 8)}@example.test`,
      name: 'Theo Technician',
      role: 'technician',
      companyIds: [account.companyId],
    },
  });
  expect(invited.status(), await invited.text()).toBe(201);

  // --- Seats & devices: 1 Remote Support seat, given to the administrator
  await page.goto('/seats');
  await expect(page.getByRole('heading', { level: 1, name: 'Seats & devices' })).toBeVisible();
  await expect(page.getByTestId('usage-remoteSupport-usage')).toHaveText('0 / 5');
  await expect(page.getByTestId('usage-devices-usage')).toHaveText('0 / 100');
  await page.getByLabel(/^Remote Support seats/).fill('1');
  await page.getByRole('button', { name: 'Save the licence' }).click();
  await expect(page.getByText('Licence saved.')).toBeVisible();
  await expect(page.getByTestId('usage-remoteSupport-usage')).toHaveText('0 / 1');

  const assignRemote = async (who: RegExp) => {
    await page.getByRole('button', { name: 'Assign a seat (Remote Support)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign a Remote Support seat' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('combobox', { name: 'User' }).click();
    await page.getByRole('option', { name: who }).click();
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
    return dialog;
  };

  const first = await assignRemote(new RegExp(adminName));
  await expect(first).toBeHidden();
  await expect(page.getByTestId('usage-remoteSupport-usage')).toHaveText('1 / 1');
  await expect(
    page.getByTestId('holders-remoteSupport').getByRole('row', { name: new RegExp(adminName) }),
  ).toBeVisible();
  await expect(page.getByTestId('usage-remoteSupport').getByText('Full')).toBeVisible();
  await snap(page, 'seats-overview');

  // The last seat is taken: the technician is refused, in words naming the module and the count.
  const second = await assignRemote(/Theo Technician/);
  await expect(second.getByRole('alert')).toHaveText(
    'No Remote Support seat is free (1 of 1 in use). Release a seat or raise the Remote Support seat count first.',
  );
  await snap(page, 'seats-refusal');
  await second.getByRole('button', { name: 'Cancel' }).click();

  // A count below the seats in use is refused, with the same clarity.
  await page.getByLabel(/^Remote Support seats/).fill('0');
  await page.getByRole('button', { name: 'Save the licence' }).click();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'Cannot set the Remote Support seat count to 0: seats in use: 1. Release seats first.' }),
  ).toBeVisible();
  await snap(page, 'seats-lower-refused');

  // --- Two-factor sign-in from My account
  await page.goto('/account');
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const confirmPassword = page.getByRole('dialog', { name: 'Set up two-factor sign-in' });
  await confirmPassword.getByRole('textbox', { name: 'Your password' }).fill(account.password);
  await snap(page, 'two-factor-password');
  await confirmPassword.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('img', { name: 'QR code to scan with an authenticator app' })).toBeVisible();
  const key = (await page.getByTestId('manual-key').textContent())?.trim() ?? '';
  expect(key).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  await snap(page, 'two-factor-enrol');
  await page.getByLabel(/^Code from the app/).fill(await codeFor(key));
  await page.getByRole('button', { name: 'Turn on' }).click();

  const codesDialog = page.getByRole('dialog', { name: 'Your recovery codes' });
  await expect(codesDialog).toBeVisible();
  const recoveryCodes = (await codesDialog.getByTestId('recovery-codes').locator('li').allTextContents()).map((c) =>
    c.trim(),
  );
  expect(recoveryCodes).toHaveLength(10);
  await expect(codesDialog.getByRole('button', { name: 'Download' })).toBeVisible();
  await snap(page, 'two-factor-codes');
  await codesDialog.getByRole('button', { name: 'I have saved my codes' }).click();
  await expect(page.getByTestId('two-factor-status')).toHaveText(/^On since /);
  await expect(page.getByText('Unused recovery codes: 10 of 10')).toBeVisible();

  // --- Sign out, sign in with a code of the app
  await signOut(page, adminName);
  await passwordStep(page, account.email, account.password);
  await snap(page, 'two-factor-login');
  const code = await codeFor(key, 30); // the next step: later than the one that confirmed enrolment
  await page.getByLabel(/^Authentication code/).fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  // --- The same code again is refused
  await signOut(page, adminName);
  await passwordStep(page, account.email, account.password);
  await page.getByLabel(/^Authentication code/).fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('This code is not valid or was already used.', { exact: false })).toBeVisible();
  await snap(page, 'two-factor-replay-refused');

  // --- A recovery code finishes the sign-in instead, once
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel(/^Recovery code/).fill(recoveryCodes[0]!);
  await snap(page, 'two-factor-recovery-code');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto('/account');
  await expect(page.getByText('Unused recovery codes: 9 of 10')).toBeVisible();
  await snap(page, 'two-factor-account-on');

  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  expect(shapeErrors, 'API answers that do not match src/shared/contracts').toEqual([]);
});
