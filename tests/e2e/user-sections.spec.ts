import { expect, test } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { tr, useLanguage } from './support/field-errors.js';
import { invitationLink } from './support/invitation-link.js';
import { screenshots } from './support/screenshots.js';
import { api } from './support/api.js';

const snap = screenshots('user-sections-');
test.setTimeout(300_000);

test('a user is edited one section at a time: each saves alone, any can be opened directly', async ({ page }) => {
  const account = createAccount('Sections');
  await signInAs(page, account.email, account.password);
  const tess = (await api(page, 'POST', '/api/v1/users', {
    email: `tess-${account.accountId.slice(0, 8)}@example.test`,
    name: 'Tess Technician',
    role: 'technician',
    companyIds: [account.companyId],
  })) as { id: string };

  // the role, straight away: no walking through the details first
  await page.goto(`/users/${tess.id}?section=role`);
  await expect(page.getByRole('tab', { name: 'Role' })).toHaveAttribute('aria-selected', 'true');
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await expect(save).toBeDisabled();
  await page.getByRole('radio', { name: 'Viewer' }).check({ force: true });
  await save.click();
  await expect(page.getByText('The changes have been saved', { exact: false })).toBeVisible();
  // it stays where it is, the change saved alone
  await expect(page.getByRole('tab', { name: 'Role' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('radio', { name: 'Viewer' })).toBeChecked();
  await expect(save).toBeDisabled();
  await snap(page, 'role-saved');

  // then only the name, from its own section
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${tess.id}$`));
  await page.getByRole('textbox', { name: /^Name/ }).fill('Tess Viewer');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tess Viewer' })).toBeVisible();
  const saved = (await (await page.request.get(`/api/v1/users/${tess.id}`)).json()) as { name: string; role: string };
  expect(saved).toMatchObject({ name: 'Tess Viewer', role: 'viewer' });
  await snap(page, 'details-saved');

  // the French editor names its sections and its button in French
  await useLanguage(page, 'fr');
  await expect(page.getByRole('tab', { name: tr('fr', 'users', 'users.steps.role.label') })).toBeVisible();
  await expect(page.getByRole('button', { name: tr('fr', 'users', 'users.steps.save'), exact: true })).toBeDisabled();
});

test('an administrator without a seat can take one; a technician is told to ask', async ({ page, browser }) => {
  const account = createAccount('Seatless');
  await signInAs(page, account.email, account.password);
  const email = `theo-${account.accountId.slice(0, 8)}@example.test`;
  await api(page, 'POST', '/api/v1/users', {
    email,
    name: 'Theo Technician',
    role: 'technician',
    companyIds: [account.companyId],
  });

  // the technician, without a seat, is told to ask an administrator (no button to take one)
  const techContext = await browser.newContext({ locale: 'en-US' });
  const tech = await techContext.newPage();
  await tech.goto(await invitationLink(page, email));
  const password = 'theo has a long password';
  await tech.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await tech.getByLabel('Confirm password').fill(password);
  await tech.getByRole('button', { name: 'Choose this password and sign in' }).click();
  await tech.waitForURL((url) => !url.pathname.startsWith('/invitation'));
  await tech.goto('/support');
  const techNotice = tech.getByTestId('seat-required-remoteSupport');
  await expect(techNotice).toContainText(
    tr('en', 'seats', 'seats.required.message', { module: tr('en', 'seats', 'seats.modules.remoteSupport') }),
  );
  await expect(techNotice.getByRole('button')).toHaveCount(0);
  await snap(tech, 'technician-en');
  await techContext.close();

  // the administrator is shown how to take one, in English and in French
  for (const language of ['en', 'fr'] as const) {
    await useLanguage(page, language);
    await page.goto('/support');
    const module = tr(language, 'seats', 'seats.modules.remoteSupport');
    const notice = page.getByTestId('seat-required-remoteSupport');
    await expect(notice).toContainText(tr(language, 'seats', 'seats.required.manager', { module }));
    await expect(notice).not.toContainText(tr(language, 'seats', 'seats.required.message', { module }));
    await expect(notice.getByRole('link', { name: tr(language, 'seats', 'seats.required.openSeats') })).toHaveAttribute(
      'href',
      '/seats',
    );
    await snap(page, `administrator-${language}`);
  }
  await page
    .getByTestId('seat-required-remoteSupport')
    .getByRole('button', { name: tr('fr', 'seats', 'seats.required.takeOne') })
    .click();
  await expect(page.getByTestId('seat-required-remoteSupport')).toHaveCount(0);
  const mine = (await (await page.request.get('/api/v1/me/seats')).json()) as { modules: string[] };
  expect(mine.modules).toContain('remoteSupport');
  await snap(page, 'administrator-seated');
});
