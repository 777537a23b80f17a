import { expect, test, type Page } from './support/test.js';
import { readState } from './server-state.js';
import { screenshots } from './support/screenshots.js';

const admin = {
  accountName: 'Acme Support',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'correct horse battery staple',
};

const snap = screenshots('');

/** Opens the Configure menu and follows one of its entries. */
async function configure(page: Page, menu: RegExp, item: string) {
  await page.getByRole('button', { name: menu }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: `User menu for ${admin.name}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('first run: setup, sign-in, languages, API token, sign-out', async ({ page, baseURL }) => {
  const { setupToken } = readState();
  expect(baseURL, 'global setup provides the server URL').toBeTruthy();
  expect(setupToken, 'global setup read the setup token from the server log').toBeTruthy();

  const pageErrors: string[] = [];
  const shapeErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    // The console reports answers that don't match the shared contracts.
    if (message.type() === 'error' && message.text().includes('unexpected answer shape'))
      shapeErrors.push(message.text());
  });

  // --- Setup: a fresh server sends everyone to /setup
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up Tandem' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await snap(page, 'setup');

  // A wrong token is refused on its field.
  await page.getByLabel('Setup token').fill('not-the-token');
  await page.getByLabel('Account name').fill(admin.accountName);
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill(admin.password);
  await page.getByRole('button', { name: 'Create the account' }).click();
  await expect(page.getByText('This setup token is not valid.', { exact: false })).toBeVisible();
  await snap(page, 'setup-invalid-token');

  await page.getByLabel('Setup token').fill(setupToken);
  await page.getByRole('button', { name: 'Create the account' }).click();

  // --- Lands signed in, on the home page
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Ada' })).toBeVisible();
  await expect(page.getByRole('banner').getByText(admin.accountName)).toBeVisible();
  await snap(page, 'home');

  // /setup is closed now.
  await page.goto('/setup');
  await expect(page).not.toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Ada' })).toBeVisible();

  // --- Sign out, then sign in again
  await signOut(page);
  await snap(page, 'login');

  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong password!');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'The e-mail address or password is incorrect.' }),
  ).toBeVisible();
  await snap(page, 'login-wrong-password');

  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Ada' })).toBeVisible();

  // --- French through the language switch, kept across a reload (saved on the profile)
  await page.getByRole('button', { name: 'Language: English' }).click();
  await page.getByRole('menuitem', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bienvenue, Ada' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('button', { name: /Configurer/ })).toBeVisible();
  await expect(page.getByTestId('updated-at')).toContainText('Mis à jour le');
  await snap(page, 'home-fr');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Bienvenue, Ada' })).toBeVisible();

  await configure(page, /Configurer/, 'Sociétés');
  await expect(page.getByRole('heading', { level: 1, name: 'Sociétés' })).toBeVisible();
  await expect(page.getByRole('link', { name: admin.accountName })).toBeVisible();
  await snap(page, 'companies-fr');

  // --- Back to English
  await page.getByRole('button', { name: /Langue\s*:\s*Français$/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Companies' })).toBeVisible();
  await expect(page.getByRole('link', { name: admin.accountName })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await snap(page, 'companies');

  // --- Audit log: setup and sign-ins are recorded; details expand as text
  await configure(page, /Configure/, 'Audit log');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const rows = page.getByRole('button', { name: 'Show details' });
  await expect(rows.first()).toBeVisible();
  await rows.first().click();
  await expect(page.getByText('Before', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('After', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
    'href',
    '/api/v1/audit-events/export.csv',
  );
  await snap(page, 'audit');

  // --- My account: create an API token, see it once, copy it, revoke it
  await configure(page, /Configure/, 'My account');
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await expect(page.getByText('You have no API tokens.')).toBeVisible();
  // Setup gave the administrator this browser's time zone (the test browser runs in Europe/Paris).
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue(/^Europe\/Paris \(UTC\+0[12]:00\)$/);
  await snap(page, 'account');

  await page.getByRole('button', { name: 'New token' }).click();
  const createDialog = page.getByRole('dialog', { name: 'Create an API token' });
  await expect(createDialog).toBeVisible();
  await createDialog.getByLabel('Name').fill('CI deploy');
  await createDialog.getByRole('button', { name: 'Create token' }).click();

  const shown = page.getByRole('dialog', { name: 'Your new API token' });
  await expect(shown).toBeVisible();
  await expect(shown.getByText('This is the only time the token is shown.', { exact: false })).toBeVisible();
  const secret = (await shown.getByTestId('created-token').textContent())?.trim() ?? '';
  expect(secret.length).toBeGreaterThan(16);
  await expect(shown.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  await shown.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(shown.getByRole('button', { name: 'Copied', exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await snap(page, 'account-token-created');
  await shown.getByRole('button', { name: 'I have copied it' }).click();
  await expect(shown).toBeHidden();

  // Listed by name and prefix, the secret itself is gone from the page.
  const row = page.getByRole('row', { name: /CI deploy/ });
  await expect(row).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  await snap(page, 'account-token-listed');

  await row.getByRole('button', { name: 'Revoke token CI deploy' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke this token?' });
  await expect(confirm).toBeVisible();
  await snap(page, 'account-token-revoke');
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('You have no API tokens.')).toBeVisible();
  await expect(page.getByRole('row', { name: /CI deploy/ })).toHaveCount(0);

  // --- Sign out; the console is closed again
  await signOut(page);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login$/);

  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  expect(shapeErrors, 'API answers that do not match src/shared/contracts').toEqual([]);
});
