import { expect, test } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { api } from './support/api.js';
import { expectFieldError, fieldName, problemText, tr, useLanguage } from './support/field-errors.js';
import { screenshots } from './support/screenshots.js';

/**
 * Sign-in & provisioning, group rules: an administrator maps a group to a role and a company,
 * tries groups against the rules, changes the rule and deletes it — in English and in French,
 * each refusal of the server said on its field.
 */
const snap = screenshots('group-rules-');

for (const language of ['en', 'fr'] as const) {
  test(`group rules: added, tried, changed and deleted (${language})`, async ({ page }) => {
    const account = createAccount(`Group rules ${language}`);
    await signInAs(page, account.email, account.password);
    const company = (await api(page, 'GET', `/api/v1/companies/${account.companyId}`)) as { name: string };
    await useLanguage(page, language);
    const g = (key: string, values?: Record<string, string>) =>
      tr(language, 'groupMapping', `groupMapping.${key}`, values);
    const role = (name: string) => tr(language, '', `roles.${name}`);

    await page.goto('/identity');
    await page.getByRole('tab', { name: tr(language, 'identity', 'identity.tabs.groups') }).click();
    await expect(page).toHaveURL(/tab=groups/);
    await expect(page.getByText(g('empty'))).toBeVisible();

    // an empty group and no company: each refusal on its field
    await page.getByRole('button', { name: g('add') }).click();
    const dialog = page.getByRole('dialog', { name: g('add') });
    const group = dialog.getByRole('textbox', { name: fieldName(g('fields.groupName')) });
    await dialog.getByRole('button', { name: g('save') }).click();
    await expectFieldError(group, problemText(language, 'required'));

    await group.fill('Helpdesk-Acme');
    await dialog.getByRole('button', { name: g('save') }).click();
    const companies = dialog.getByRole('combobox', {
      name: fieldName(tr(language, 'companies', 'companyLabel.defaultPlural')),
    });
    await expectFieldError(companies, problemText(language, 'too_few', { min: 1 }));
    await companies.click();
    await page.getByRole('option', { name: company.name }).click();
    // the choices' list closes when the form's title is clicked
    await dialog.getByRole('heading', { name: g('add') }).click();
    await expect(page.getByRole('option', { name: company.name })).toBeHidden();
    await snap(page, `form-${language}`);
    await dialog.getByRole('button', { name: g('save') }).click();
    await expect(dialog).toBeHidden();

    const row = page.locator('[data-group="Helpdesk-Acme"]');
    await expect(row).toContainText(role('technician'));
    await expect(row).toContainText(company.name);

    // the same group again, whatever its case, is refused on the group's field
    await page.getByRole('button', { name: g('add') }).click();
    await dialog.getByRole('textbox', { name: fieldName(g('fields.groupName')) }).fill('helpdesk-acme');
    await dialog.getByRole('radio', { name: g('fields.allCompanies') }).check();
    await dialog.getByRole('button', { name: g('save') }).click();
    await expectFieldError(dialog.getByRole('textbox', { name: fieldName(g('fields.groupName')) }), g('taken'));
    await dialog.getByRole('button', { name: tr(language, '', 'common.cancel') }).click();

    // what a person in some groups would get
    await page.getByRole('textbox', { name: g('preview.label') }).fill('HELPDESK-ACME\nmarketing');
    await page.getByRole('button', { name: g('preview.run') }).click();
    const result = page.getByTestId('group-preview-result');
    await expect(result).toContainText(g('preview.granted', { role: role('technician'), access: company.name }));
    await snap(page, `list-${language}`);
    await page.getByRole('textbox', { name: g('preview.label') }).fill('marketing');
    await page.getByRole('button', { name: g('preview.run') }).click();
    await expect(result).toHaveText(g('preview.noMatch'));

    // changed to viewers of every company
    await row.getByRole('button', { name: g('edit') }).click();
    const editing = page.getByRole('dialog', { name: g('editTitle', { group: 'Helpdesk-Acme' }) });
    await editing.getByRole('combobox', { name: fieldName(g('fields.role')) }).click();
    await page.getByRole('option', { name: role('viewer') }).click();
    await editing.getByRole('radio', { name: g('fields.allCompanies') }).check();
    await editing.getByRole('button', { name: g('save') }).click();
    await expect(editing).toBeHidden();
    await expect(row).toContainText(role('viewer'));
    await expect(row).toContainText(g('fields.allCompanies'));

    // deleted, after a confirmation
    await row.getByRole('button', { name: g('delete') }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: g('delete') })
      .click();
    await expect(page.getByText(g('empty'))).toBeVisible();
  });
}
