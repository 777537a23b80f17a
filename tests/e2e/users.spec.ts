import { expect, test, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { invitationLink } from './support/invitation-link.js';
import { screenshots } from './support/screenshots.js';

const snap = screenshots('users-');

/** Watches a page for script errors and answers that do not match the shared contracts. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('unexpected answer shape')) problems.push(message.text());
  });
  return problems;
}

test('users: invite a technician, accept the invitation, read-only list, CSV dry run', async ({ page, browser }) => {
  const account = createAccount('Users');
  const adminProblems = watch(page);
  await signInAs(page, account.email, account.password);

  // --- the list, reached from the Configure menu
  await page.getByRole('button', { name: 'Configure' }).click();
  await page.getByRole('menuitem', { name: 'Users & permissions' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Users & permissions' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(account.email) })).toBeVisible();
  await snap(page, 'list');

  // --- invite a technician to the first company, as a company's page links it (prefilled)
  const email = `tech-${Date.now().toString(36)}@example.test`;
  await page.goto(`/users?invite=1&companyId=${account.companyId}`);
  const dialog = page.getByRole('dialog', { name: 'Invite users' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Chosen companies' })).toBeChecked();
  await expect(dialog.getByText(account.name, { exact: true })).toBeVisible();
  await dialog.getByLabel('E-mail addresses').fill(email);
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('Tess Technician');
  await expect(dialog.getByRole('radio', { name: 'Technician' })).toBeChecked();
  await snap(page, 'invite');
  await dialog.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(page.getByText(`An invitation has been sent to ${email}.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: new RegExp(email) });
  await expect(row).toContainText('Invited');
  await expect(row).toContainText('Technician');
  await expect(row).toContainText(account.name);

  // --- the invited technician opens the link from the e-mail, in a browser of their own
  const link = await invitationLink(page, email);
  const techContext = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Paris' });
  const tech = await techContext.newPage();
  const techProblems = watch(tech);
  await tech.goto(link);
  await expect(tech.getByRole('heading', { level: 1, name: 'Join Tandem' })).toBeVisible();
  await expect(tech.getByText(`You are invited to the account ${account.name}.`, { exact: false })).toBeVisible();
  await expect(tech.getByRole('textbox', { name: 'E-mail' })).toHaveValue(email);
  await tech.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
  await tech.getByRole('button', { name: 'Choose this password and sign in' }).click();
  await expect(tech.getByText('Use at least 10 characters.')).toBeVisible();
  await tech.getByRole('textbox', { name: 'Password', exact: true }).fill('tess has a long password');
  await tech.getByLabel('Confirm password').fill('tess has a long password');
  await snap(tech, 'invitation');
  await tech.getByRole('button', { name: 'Choose this password and sign in' }).click();
  await expect(tech).toHaveURL(/\/$/);
  await expect(tech.getByRole('heading', { level: 1, name: /Welcome, Tess/ })).toBeVisible();

  // the link worked once: opening it again says it is no longer valid
  const again = await techContext.newPage();
  await again.goto(link);
  await expect(again.getByText('This link is not valid')).toBeVisible();
  await again.close();

  // --- the technician sees the users page read-only
  await tech.goto('/users');
  await expect(tech.getByRole('heading', { level: 1, name: 'Users & permissions' })).toBeVisible();
  await expect(tech.getByText('You can see the users; only administrators can invite or change them.')).toBeVisible();
  await expect(tech.getByRole('row', { name: new RegExp(email) })).toContainText('Active');
  await expect(tech.getByRole('button', { name: 'Invite users' })).toHaveCount(0);
  await expect(tech.getByRole('button', { name: 'Import CSV' })).toHaveCount(0);
  await expect(tech.getByRole('button', { name: /^Actions for/ })).toHaveCount(0);
  await snap(tech, 'read-only');
  // and a user's page without edit controls
  await tech.getByRole('link', { name: 'Tess Technician' }).click();
  await expect(tech.getByText('You can see this user; only administrators can change them.')).toBeVisible();
  await expect(tech.getByRole('textbox', { name: /^Name/ })).toBeDisabled();
  await expect(tech.getByRole('button', { name: /Save/ })).toHaveCount(0);
  await techContext.close();
  expect(techProblems).toEqual([]);

  // --- the administrator edits the technician one section at a time
  await page.reload();
  await page.getByRole('link', { name: 'Tess Technician' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tess Technician' })).toBeVisible();
  await page.getByRole('tab', { name: 'Role' }).click();
  await expect(page.getByRole('radio', { name: 'Technician' })).toBeChecked();
  await page.getByRole('tab', { name: 'Modules and seats' }).click();
  const seat = page.getByRole('switch', { name: 'Seat of Remote Support' });
  await expect(seat).not.toBeChecked();
  await seat.click({ force: true });
  await expect(page.getByText('Tess Technician now holds a seat of Remote Support.')).toBeVisible();
  await expect(seat).toBeChecked();
  await expect(page.getByText('Remote Support: 1 of 5 used')).toBeVisible();
  await snap(page, 'edit');

  // --- CSV import: the dry run shows the bad row and writes nothing
  await page.goto('/users');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const importer = page.getByRole('dialog', { name: 'Import users from a CSV file' });
  const good = `good-${Date.now().toString(36)}@example.test`;
  await importer
    .getByLabel('Content of the file')
    .fill(`email,name,role,companies\n${good},Good Row,viewer,all\nnot-an-address,Bad Row,pilot,Nowhere\n`);
  await importer.getByRole('button', { name: 'Check the file' }).click();
  await expect(importer.getByText('1 row has a problem')).toBeVisible();
  const bad = importer.locator('tr[data-line="3"]');
  await expect(bad).toContainText('Not a valid e-mail address.');
  await expect(bad).toContainText('Unknown role “pilot”');
  await expect(bad).toContainText('Nothing among the companies is named “Nowhere”.');
  await expect(importer.getByRole('button', { name: 'Invite', exact: true })).toBeDisabled();
  await snap(page, 'import-dry-run');
  await importer.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('row', { name: new RegExp(good) })).toHaveCount(0);

  expect(adminProblems).toEqual([]);
});
