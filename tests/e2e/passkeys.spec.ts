import { createAccount } from './support/accounts.js';
import { startLocalhostServer } from './support/localhost-server.js';
import { screenshots } from './support/screenshots.js';
import { expect, test, type CDPSession, type Page } from './support/test.js';

const snap = screenshots('passkeys-');

// WebAuthn needs a host name: this spec drives a second server process whose public address is
// http://localhost:<port> (support/localhost-server.ts), on the suite's database.
let server: Awaited<ReturnType<typeof startLocalhostServer>>;
test.beforeAll(async () => {
  server = await startLocalhostServer();
});
test.afterAll(async () => {
  await server?.stop();
});

/** Chromium's virtual authenticator (DevTools WebAuthn domain): a platform authenticator with user verification. */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}

async function signOut(page: Page, name: string) {
  await page.getByRole('button', { name: `User menu for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Signed in: the console's first page, loaded (its heading shown), left the sign-in page. */
async function signedIn(page: Page) {
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto(`${server.baseURL}/login`);
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('register a passkey, sign in with it alone, then as the second factor; a refused verification is said', async ({
  page,
  browser,
}) => {
  const account = createAccount('Passkeys');
  const adminName = 'Passkeys Admin';
  const { cdp, authenticatorId } = await virtualAuthenticator(page);

  // --- My account: add a passkey (named by default after the browser), with the password
  await passwordStep(page, account.email, account.password);
  await signedIn(page);
  await page.goto(`${server.baseURL}/account`);
  const section = page.getByRole('region', { name: 'Passkeys' });
  await expect(section.getByText('You have no passkey yet.')).toBeVisible();
  await section.getByRole('button', { name: 'Add a passkey' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a passkey' });
  await expect(dialog.getByLabel(/^Name/)).toHaveValue(/^Chrome on Linux$|^Chrome on /);
  await dialog.getByLabel(/^Name/).fill('Office laptop');
  await dialog.getByLabel(/^Your password/).fill(account.password);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Passkey “Office laptop” added.')).toBeVisible();
  const row = section.getByTestId('passkey-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Office laptop');
  await expect(row).toContainText('never used');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.isResidentCredential).toBe(true);
  expect(credentials[0]!.rpId).toBe('localhost');
  await snap(page, 'account-en');

  // --- rename it
  await row.getByRole('button', { name: 'Rename the passkey Office laptop' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename the passkey' });
  await rename.getByLabel(/^Name/).fill('Work laptop');
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('Work laptop');

  // --- sign out; sign in with the passkey alone: no code asked
  await signOut(page, adminName);
  await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toBeVisible();
  await snap(page, 'sign-in-en');
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await signedIn(page);
  await page.goto(`${server.baseURL}/account`);
  await expect(section.getByTestId('passkey-row')).toContainText('last used');

  // --- the password now asks for the second factor: the passkey
  await signOut(page, adminName);
  await passwordStep(page, account.email, account.password);
  await expect(page.getByText('Confirm it is you with one of your passkeys.')).toBeVisible();
  await snap(page, 'second-factor-en');
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await signedIn(page);

  // --- French: My account and the sign-in page
  const me = await (await page.request.get(`${server.baseURL}/api/v1/me`)).json();
  const french = await page.request.patch(`${server.baseURL}/api/v1/me`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { language: 'fr' },
  });
  expect(french.status(), await french.text()).toBe(200);
  await page.goto(`${server.baseURL}/account`);
  await expect(page.getByRole('region', { name: 'Clés d’accès' }).getByTestId('passkey-row')).toContainText(
    'Work laptop',
  );
  await snap(page, 'account-fr');
  const frContext = await browser.newContext({ locale: 'fr-FR', baseURL: server.baseURL });
  const frPage = await frContext.newPage();
  await frPage.goto(`${server.baseURL}/login`);
  await expect(frPage.getByRole('button', { name: 'Se connecter avec une clé d’accès' })).toBeVisible();
  await snap(frPage, 'sign-in-fr');
  await frContext.close();
  const english = await page.request.patch(`${server.baseURL}/api/v1/me`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { language: 'en' },
  });
  expect(english.status()).toBe(200);

  // --- the device refuses to verify the person: refused, with a message that says so
  await page.goto(`${server.baseURL}/account`);
  await signOut(page, adminName);
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(
    page.getByText(/Your device did not verify you|No passkey was used: the request was cancelled/),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await snap(page, 'refused-en');
  expect((await page.request.get(`${server.baseURL}/api/v1/me`)).status()).toBe(401);

  // --- remove it, with the password
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await signedIn(page);
  await page.goto(`${server.baseURL}/account`);
  await section.getByRole('button', { name: 'Remove the passkey Work laptop' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove the passkey “Work laptop”?' });
  await remove.getByLabel(/^Your password/).fill(account.password);
  await remove.getByRole('button', { name: 'Remove the passkey' }).click();
  await expect(section.getByText('You have no passkey yet.')).toBeVisible();
});
