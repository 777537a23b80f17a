import { expect, test, type Browser, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { invitationLink } from './support/invitation-link.js';
import { waitForMail } from './support/mailbox.js';
import { screenshots } from './support/screenshots.js';

const snap = screenshots('password-reset-');

/** The reset link in an e-mail's text. */
function resetLinkIn(text: string): string {
  const link = /https?:\/\/\S+\/password-reset\/[A-Za-z0-9_-]+/.exec(text)?.[0];
  if (!link) throw new Error(`no reset link in: ${text}`);
  return link;
}

async function freshPage(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, timezoneId: 'Europe/Paris' });
  return context.newPage();
}

test('forgot password: the e-mailed link sets a new password, used once; the sign-in works with it', async ({
  browser,
}) => {
  const account = createAccount('Forgot');
  const page = await freshPage(browser, 'en-US');
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  // an e-mail that is not one: the message is on the field
  await page.getByRole('textbox', { name: 'E-mail' }).fill('not an address');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('textbox', { name: 'E-mail' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(account.email);
  await snap(page, 'forgot');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByText('Check your inbox')).toBeVisible();
  await snap(page, 'sent');

  const mail = await waitForMail(account.email, 'Choose a new Tandem password');
  expect(mail.text).toContain('It works once');
  const link = resetLinkIn(mail.text);

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'E-mail' })).toHaveValue(account.email);
  // a guessable password: the server's (or the form's) message is next to the field
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('1234567890');
  await page.getByLabel('Confirm password').fill('1234567890');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByText(/This password is too easy to guess/)).toBeVisible();
  await snap(page, 'weak');
  const newPassword = 'a fresh and long passphrase';
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(newPassword);
  await page.getByLabel('Confirm password').fill(newPassword);
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText(/Your password is set/)).toBeVisible();
  await snap(page, 'done');

  // the old password no longer signs in; the new one does
  await page.getByLabel(/^E-mail/).fill(account.email);
  await page.getByLabel(/^Password/).fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('The e-mail address or password is incorrect.')).toBeVisible();
  await signInAs(page, account.email, newPassword);
  await expect(page).not.toHaveURL(/\/login/);

  // the link worked once
  const again = await freshPage(browser, 'en-US');
  await again.goto(link);
  await expect(again.getByText('This link no longer works')).toBeVisible();
  await snap(again, 'used');
  await again.context().close();
  await page.context().close();
});

test('an administrator sends a password reset to a French user: the e-mail and the page are in French', async ({
  browser,
}) => {
  const account = createAccount('Reset admin');
  const admin = await freshPage(browser, 'en-US');
  await signInAs(admin, account.email, account.password);

  // a French technician who accepted their invitation
  const email = `marie-${Date.now().toString(36)}@example.test`;
  const csrf = ((await (await admin.request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken;
  const invited = await admin.request.post('/api/v1/users', {
    headers: { 'x-csrf-token': csrf },
    data: { email, name: 'Marie Martin', role: 'technician', companyIds: [account.companyId], language: 'fr' },
  });
  expect(invited.status()).toBe(201);
  const token = /\/invitation\/([A-Za-z0-9_-]+)/.exec(await invitationLink(admin, email))?.[1] ?? '';
  const accepted = await (
    await freshPage(browser, 'fr-FR')
  ).request.post(`/api/v1/invitations/${token}/accept`, { data: { password: 'marie first password' } });
  expect(accepted.status()).toBe(200);

  await admin.goto('/users');
  const row = admin.getByRole('row', { name: new RegExp(email) });
  await row.getByRole('button', { name: 'Actions for Marie Martin' }).click();
  await admin.getByRole('menuitem', { name: 'Send a password reset' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Send Marie Martin a password reset?' });
  await expect(dialog).toContainText(email);
  await snap(admin, 'admin-confirm');
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(admin.getByText('A password-reset link has been sent to Marie Martin.')).toBeVisible();

  const mail = await waitForMail(email, 'Choisissez un nouveau mot de passe Tandem');
  expect(mail.text).toContain('Reset admin Admin vous a envoyé un lien');
  const marie = await freshPage(browser, 'en-US');
  await marie.goto(resetLinkIn(mail.text));
  // the page adopts the user's language
  await expect(marie.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' })).toBeVisible();
  await marie.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('marie nouveau mot de passe');
  await marie.getByLabel('Confirmez le mot de passe').fill('marie nouveau mot de passe');
  await snap(marie, 'fr-form');
  await marie.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(marie).toHaveURL(/\/login$/);
  await expect(marie.getByText(/Votre mot de passe est enregistré/)).toBeVisible();
  await expect(marie.getByRole('link', { name: 'Mot de passe oublié ?' })).toBeVisible();
  await snap(marie, 'fr-done');
  await marie.getByLabel(/^Adresse e-mail/).fill(email);
  await marie.getByLabel(/^Mot de passe/).fill('marie nouveau mot de passe');
  await marie.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await marie.waitForURL((url) => !url.pathname.startsWith('/login'));
  await admin.context().close();
  await marie.context().close();
});
