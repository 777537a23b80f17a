import { test, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { expectFieldError, problemText, tr, useLanguage } from './support/field-errors.js';
import { api } from './support/api.js';
import { screenshots } from './support/screenshots.js';
import { enrolDevice } from './support/enrol.js';

/**
 * The forms of companies and devices: the server's field problems (a taken name, a tag too long) and
 * a word left empty are said on their fields, in English and in French.
 */
const snap = screenshots('form-errors-');
test.setTimeout(180_000);

/** A device enrolled in the company with its data key (as an agent does); its id. */
async function enrolIn(page: Page, companyId: string, name: string) {
  const { dataKey } = (await api(page, 'GET', `/api/v1/companies/${companyId}`)) as { dataKey: string };
  return enrolDevice(page, dataKey, name);
}

for (const language of ['en', 'fr'] as const) {
  test(`companies and devices: each form's problem on its field (${language})`, async ({ page }) => {
    const account = createAccount(`Company forms ${language}`);
    await signInAs(page, account.email, account.password);
    await api(page, 'POST', '/api/v1/companies', { name: 'Taken Works' });
    const deviceId = await enrolIn(page, account.companyId, 'Front desk');
    await useLanguage(page, language);
    const c = (key: string, values?: Record<string, string | number>) => tr(language, 'companies', key, values);

    // --- New company: a name another company has (whatever its case), on the name field
    await page.goto('/companies');
    await page.getByRole('button', { name: c('companies.list.new') }).click();
    const create = page.getByRole('dialog', { name: c('companies.list.new') });
    const newName = create.getByRole('textbox', { name: new RegExp(`^${c('companies.create.name')}`) });
    await newName.fill('taken works');
    await create.getByRole('button', { name: c('companies.create.submit') }).click();
    await expectFieldError(newName, c('companies.fields.nameTaken'));
    await snap(page, `company-create-${language}`);
    await create.getByRole('button', { name: tr(language, '', 'common.cancel') }).click();

    // --- Naming (the account's word for companies): a word left empty, on its field
    const naming = page.getByRole('region', { name: c('companyLabel.form.title') });
    const englishSingular = naming
      .getByRole('group', { name: c('companyLabel.form.english') })
      .getByRole('textbox', { name: new RegExp(`^${c('companyLabel.form.singular')}`) });
    await englishSingular.fill('Site');
    await naming.getByRole('button', { name: c('companyLabel.form.save') }).click();
    await expectFieldError(
      naming
        .getByRole('group', { name: c('companyLabel.form.english') })
        .getByRole('textbox', { name: new RegExp(`^${c('companyLabel.form.plural')}`) }),
      problemText(language, 'required'),
    );
    await snap(page, `company-naming-${language}`);

    // --- A company's details: renamed to another company's name, on the name field
    await page.goto(`/companies/${account.companyId}`);
    const name = page.getByRole('textbox', { name: new RegExp(`^${c('companies.create.name')}`) });
    await name.fill('TAKEN WORKS');
    await page.getByRole('button', { name: c('companies.details.save') }).click();
    await expectFieldError(name, c('companies.fields.nameTaken'));
    await snap(page, `company-details-${language}`);

    // --- A device's tags: a tag longer than the server keeps, on the tags field (not a generic message)
    await page.goto(`/devices/${deviceId}`);
    const tags = page.getByRole('combobox', { name: tr(language, 'devices', 'devices.columns.tags'), exact: true });
    await tags.fill('a-tag-much-longer-than-the-forty-characters-kept');
    await tags.press('Enter');
    await page
      .locator('form')
      .filter({ has: tags })
      .getByRole('button', { name: tr(language, 'devices', 'devices.detail.save'), exact: true })
      .click();
    await expectFieldError(tags, problemText(language, 'too_long', { max: 40 }));
    await snap(page, `device-tags-${language}`);
  });
}
