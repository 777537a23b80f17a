import { expect, test } from './support/test.js';
import { generate } from 'otplib';
import { createAccount, signInAs } from './support/accounts.js';
import { invitationLink } from './support/invitation-link.js';
import { screenshots } from './support/screenshots.js';

/**
 * Issue 3's whole flow in one run: companies, an invited technician who sets a password and a
 * second factor, sees only their company and account management read-only; seats up to the limit.
 */
const snap = screenshots('flow-');

const codeFor = (key: string, offset = 0) =>
  generate({ secret: key.replace(/\s/g, ''), epoch: Math.floor(Date.now() / 1000) + offset });

test('account management: companies, an invited technician with two-factor sign-in and read-only pages, seats to the limit', async ({
  page,
  browser,
}) => {
  const account = createAccount('Flow');
  await signInAs(page, account.email, account.password);

  // --- two companies: the first one exists (named after the account), create a second
  await page.goto('/companies');
  await page.getByRole('button', { name: 'New company' }).click();
  const dialog = page.getByRole('dialog', { name: 'New company' });
  await dialog.getByLabel('Name').fill('Second Site');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Second Site' })).toBeVisible();

  // --- invite a technician to the first company
  const email = `flow-tech-${Date.now().toString(36)}@example.test`;
  await page.goto(`/users?invite=1&companyId=${account.companyId}`);
  const invite = page.getByRole('dialog', { name: 'Invite users' });
  await invite.getByLabel('E-mail addresses').fill(email);
  await invite.getByRole('textbox', { name: /^Name/ }).fill('Tom Technician');
  await invite.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(page.getByText(`An invitation has been sent to ${email}.`)).toBeVisible();

  // --- the technician opens the e-mailed link, chooses a password, and is signed in
  const techContext = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Paris' });
  const tech = await techContext.newPage();
  await tech.goto(await invitationLink(page, email));
  const password = 'tom has a long password';
  await tech.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await tech.getByLabel('Confirm password').fill(password);
  await tech.getByRole('button', { name: 'Choose this password and sign in' }).click();
  await expect(tech.getByRole('heading', { level: 1, name: /Welcome, Tom/ })).toBeVisible();

  // --- enrols a second factor, signs out, signs in with a code
  await tech.goto('/account');
  await tech.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const confirmPassword = tech.getByRole('dialog', { name: 'Set up two-factor sign-in' });
  await confirmPassword.getByRole('textbox', { name: 'Your password' }).fill(password);
  await confirmPassword.getByRole('button', { name: 'Continue' }).click();
  const key = (await tech.getByTestId('manual-key').textContent())?.trim() ?? '';
  await tech.getByLabel(/^Code from the app/).fill(await codeFor(key));
  await tech.getByRole('button', { name: 'Turn on' }).click();
  await tech
    .getByRole('dialog', { name: 'Your recovery codes' })
    .getByRole('button', { name: 'I have saved my codes' })
    .click();
  await tech.getByRole('button', { name: 'User menu for Tom Technician' }).click();
  await tech.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(tech).toHaveURL(/\/login$/);
  await tech.getByLabel(/^E-mail/).fill(email);
  await tech.getByLabel(/^Password/).fill(password);
  await tech.getByRole('button', { name: 'Sign in', exact: true }).click();
  await tech.getByLabel(/^Authentication code/).fill(await codeFor(key, 30));
  await tech.getByRole('button', { name: 'Verify' }).click();
  await tech.waitForURL((url) => !url.pathname.startsWith('/login'));
  await snap(tech, 'technician-home');

  // --- only their company, everywhere; account management read-only
  const switcher = tech.getByRole('combobox', { name: 'Filter by company' });
  await switcher.click();
  await expect(tech.getByRole('option', { name: account.name })).toBeVisible();
  await expect(tech.getByRole('option', { name: 'Second Site' })).toHaveCount(0);
  await tech.keyboard.press('Escape');
  await tech.goto('/companies');
  await expect(tech.getByRole('link', { name: account.name })).toBeVisible();
  await expect(tech.getByRole('link', { name: 'Second Site' })).toHaveCount(0);
  await expect(tech.getByRole('button', { name: 'New company' })).toHaveCount(0);
  await snap(tech, 'technician-companies');
  await tech.goto('/users');
  await expect(tech.getByText('You can see the users; only administrators can invite or change them.')).toBeVisible();
  await tech.goto('/settings');
  await expect(tech.getByText('You can read these settings; only administrators change them.')).toBeVisible();
  await expect(tech.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await snap(tech, 'technician-settings');
  await techContext.close();

  // --- the administrator assigns Remote Support seats until the limit, and is refused past it
  await page.goto('/seats');
  await page.getByLabel(/^Remote Support seats/).fill('1');
  await page.getByRole('button', { name: 'Save the licence' }).click();
  await expect(page.getByText('Licence saved.')).toBeVisible();
  const assign = async (who: RegExp) => {
    await page.getByRole('button', { name: 'Assign a seat (Remote Support)' }).click();
    const seatDialog = page.getByRole('dialog', { name: 'Assign a Remote Support seat' });
    await seatDialog.getByRole('combobox', { name: 'User' }).click();
    await page.getByRole('option', { name: who }).click();
    await seatDialog.getByRole('button', { name: 'Assign', exact: true }).click();
    return seatDialog;
  };
  await expect(await assign(/Tom Technician/)).toBeHidden();
  await expect(page.getByTestId('usage-remoteSupport-usage')).toHaveText('1 / 1');
  const refused = await assign(/Flow Admin/);
  await expect(refused.getByRole('alert')).toContainText('No Remote Support seat is free (1 of 1 in use)');
  await snap(page, 'seat-refused');
});
