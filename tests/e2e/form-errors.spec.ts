import { expect, test, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { expectFieldError, tr, useLanguage } from './support/field-errors.js';
import { api } from './support/api.js';
import { screenshots } from './support/screenshots.js';

const snap = screenshots('form-errors-');
test.setTimeout(300_000);

/** A contact with an SMS number whose verification code has been sent (and so can be answered wrongly). */
async function contactWithPendingCode(page: Page, name: string) {
  const contact = (await api(page, 'POST', '/api/v1/contacts', {
    name,
    methods: [{ type: 'sms', value: '+33 6 12 34 56 78' }],
  })) as { id: string; methods: { id: string }[] };
  await api(page, 'POST', `/api/v1/contacts/${contact.id}/methods/${contact.methods[0]!.id}/verification`);
  return contact.id;
}

for (const language of ['en', 'fr'] as const) {
  test(`every console form shows the server's field problems on the field (${language})`, async ({ page }) => {
    const account = createAccount(`Forms ${language}`);
    await signInAs(page, account.email, account.password);
    const other = (await api(page, 'POST', '/api/v1/users', {
      email: `tess-${account.accountId.slice(0, 8)}@example.test`,
      name: 'Tess Technician',
      role: 'technician',
      companyIds: [account.companyId],
    })) as { id: string };
    const pendingContact = await contactWithPendingCode(page, 'Pat Pending');
    await useLanguage(page, language);
    const v = (code: string, values?: Record<string, string | number>) =>
      tr(language, 'validation', `validation.${code}`, values);

    // --- Contacts, new contact: an address that is not one, refused by the server on the method's own field
    await page.goto('/contacts');
    await page.getByRole('button', { name: tr(language, 'contacts', 'contacts.new') }).click();
    const create = page.getByRole('dialog', { name: tr(language, 'contacts', 'contacts.new') });
    await create
      .getByRole('textbox', { name: new RegExp(`^${tr(language, 'contacts', 'contacts.fields.name')}`) })
      .fill('Nina Nowhere');
    const firstValue = create.getByRole('textbox', { name: tr(language, 'contacts', 'contacts.methods.value') });
    await firstValue.fill('nina at nowhere');
    await create.getByRole('button', { name: tr(language, 'contacts', 'contacts.new') }).click();
    await expectFieldError(firstValue, v('invalid_email'));
    await snap(page, `contact-create-${language}`);
    await create.getByRole('button', { name: tr(language, '', 'common.cancel') }).click();

    // --- Contacts, a contact's page: a number that is not one, on the value field
    await page.goto(`/contacts/${pendingContact}`);
    const addForm = page.locator('form').filter({
      has: page.getByRole('button', { name: tr(language, 'contacts', 'contacts.methods.add') }),
    });
    await addForm
      .getByLabel(tr(language, 'contacts', 'contacts.methods.type'), { exact: true })
      .first()
      .click();
    await page.getByRole('option', { name: tr(language, 'contacts', 'contacts.methods.types.sms') }).click();
    const value = addForm.getByRole('textbox', { name: tr(language, 'contacts', 'contacts.methods.value') });
    await value.fill('12');
    await addForm.getByRole('button', { name: tr(language, 'contacts', 'contacts.methods.add') }).click();
    await expectFieldError(value, v('invalid_phone'));

    // --- Verification code: a wrong code says so with the tries left (not "some fields are not valid")
    const pin = page.locator(`input[aria-label="${tr(language, 'contacts', 'contacts.methods.enterCode')}"]`);
    await pin.first().click();
    await page.keyboard.type('000000');
    await page.getByRole('button', { name: tr(language, 'contacts', 'contacts.methods.checkCode') }).click();
    await expectFieldError(pin.first(), v('wrong_code_tries_left', { attemptsLeft: 4 }));
    await snap(page, `contact-methods-${language}`);

    // --- Seats & devices: "-5" keeps its sign and is refused on its field
    await page.goto('/seats');
    const seats = page.getByRole('textbox', {
      name: new RegExp(`^${tr(language, 'seats', 'seats.licence.remoteSupportSeats')}`),
    });
    await seats.fill('-5');
    await expect(seats).toHaveValue('-5');
    await page.getByRole('button', { name: tr(language, 'seats', 'seats.licence.save') }).click();
    const numberFormat = new Intl.NumberFormat(language);
    await expectFieldError(
      seats,
      tr(language, 'seats', 'seats.licence.wholeNumber', { min: 0, max: numberFormat.format(10_000) }),
    );
    await snap(page, `seats-${language}`);

    // --- A user's details: an e-mail address another user has, on the e-mail field
    await page.goto(`/users/${other.id}`);
    const email = page.getByRole('textbox', { name: new RegExp(`^${tr(language, 'users', 'users.fields.email')}`) });
    await email.fill(account.email);
    await page.getByRole('button', { name: tr(language, 'users', 'users.steps.save') }).click();
    await expectFieldError(email, tr(language, 'users', 'users.errors.emailTaken'));
    await snap(page, `user-details-${language}`);

    // --- My account: a wrong current password, on that field
    await page.goto('/account');
    const current = page.getByRole('textbox', { name: tr(language, '', 'account.password.current'), exact: true });
    await current.fill('not my password at all');
    const newPassword = 'a brand new long password';
    await page.getByRole('textbox', { name: tr(language, '', 'account.password.new'), exact: true }).fill(newPassword);
    await page.getByLabel(new RegExp(`^${tr(language, '', 'fields.confirmPassword')}`)).fill(newPassword);
    await page.getByRole('button', { name: tr(language, '', 'account.password.submit') }).click();
    await expectFieldError(current, tr(language, '', 'account.password.currentWrong'));
    await snap(page, `account-password-${language}`);
  });
}
