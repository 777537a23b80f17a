import { expect, test, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { screenshots } from './support/screenshots.js';
import { api } from './support/api.js';

const snap = screenshots('company-label-');

/** The page's visible text names the account's word and never the built-in one. */
async function saysOnly(page: Page, word: RegExp, builtIn: RegExp) {
  const main = page.locator('#main');
  await expect(main).toContainText(word);
  await expect(main).not.toContainText(builtIn);
}

test('after renaming Companies to Clients, every page, form and filter says Clients, in English and French', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const account = createAccount('Label');
  await signInAs(page, account.email, account.password);
  await api(page, 'PUT', '/api/v1/accounts/current/company-label', {
    companyLabel: { en: { singular: 'Client', plural: 'Clients' }, fr: { singular: 'Client', plural: 'Clients' } },
  });
  const me = (await api(page, 'GET', '/api/v1/me')) as { user: { id: string } };

  for (const language of ['en', 'fr'] as const) {
    await api(page, 'PATCH', '/api/v1/me', { language });
    const builtIn = language === 'en' ? /compan/i : /soci[ée]t[ée]|entreprise/i;

    await page.goto('/companies');
    await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
    await expect(
      page.getByRole('button', { name: language === 'en' ? 'New client' : 'Nouvelle fiche client' }),
    ).toBeVisible();
    await snap(page, `companies-${language}`);

    await page.goto('/contacts');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Clients' })).toBeVisible();
    await snap(page, `contacts-${language}`);

    await page.goto('/alerts');
    await page
      .getByRole('button', {
        name: language === 'en' ? /new rule|add a rule|create/i : /nouvelle règle|ajouter|créer/i,
      })
      .first()
      .click();
    const ruleForm = page.getByRole('dialog');
    await expect(ruleForm).toContainText(/clients/i);
    await expect(ruleForm).not.toContainText(builtIn);
    await snap(page, `alert-rule-form-${language}`);
    await page.keyboard.press('Escape');

    await page.goto('/reports');
    await page
      .getByRole('button', {
        name: language === 'en' ? /new (report|schedule)|schedule/i : /nouveau|nouvelle|planifier/i,
      })
      .first()
      .click();
    const reportForm = page.getByRole('dialog');
    await expect(reportForm).toContainText(/clients/i);
    await expect(reportForm).not.toContainText(builtIn);
    await snap(page, `report-form-${language}`);
    await page.keyboard.press('Escape');

    await page.goto(`/users/${me.user.id}`);
    await saysOnly(page, /clients/i, builtIn);
    await snap(page, `user-editor-${language}`);

    await page.goto('/settings');
    await expect(page.locator('#main')).toContainText(/clients/i);
    // the naming setting itself must name what it renames
    const elsewhere = await page.locator('#main').evaluate((main) => {
      const copy = main.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[data-setting="general.companyLabel"]').forEach((row) => row.remove());
      return copy.textContent ?? '';
    });
    expect(elsewhere).not.toMatch(builtIn);
    await snap(page, `settings-${language}`);
  }
});
