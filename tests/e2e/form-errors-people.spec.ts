import { test } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { expectFieldError, fieldName, problemText, tr, useLanguage } from './support/field-errors.js';
import { api } from './support/api.js';
import { screenshots } from './support/screenshots.js';

/**
 * The forms about people and work: inviting users, one's profile and API tokens, a seat, a remote
 * session, a contact's quiet hours. Each is sent with bad input; the problem is said on its field, in
 * English and in French.
 */
const snap = screenshots('form-errors-');
test.setTimeout(180_000);

for (const language of ['en', 'fr'] as const) {
  test(`people and work forms: each problem on its field (${language})`, async ({ page }) => {
    const account = createAccount(`People forms ${language}`);
    await signInAs(page, account.email, account.password);
    const me = (await api(page, 'GET', '/api/v1/me')) as { user: { id: string } };
    await api(page, 'POST', `/api/v1/seats/remoteSupport/assignments`, { userId: me.user.id });
    await api(page, 'POST', '/api/v1/companies', { name: 'Second branch' });
    const tess = (await api(page, 'POST', '/api/v1/users', {
      email: `tess-${account.accountId.slice(0, 8)}@example.test`,
      name: 'Tess Technician',
      role: 'technician',
      companyIds: 'all',
    })) as { id: string };
    const contact = (await api(page, 'POST', '/api/v1/contacts', { name: 'Quinn Quiet', methods: [] })) as {
      id: string;
    };
    await useLanguage(page, language);
    const field = fieldName;
    const cancel = tr(language, '', 'common.cancel');

    // --- Inviting a user: an address that already has a user, on the addresses field
    const u = (key: string, values?: Record<string, string>) => tr(language, 'users', key, values);
    await page.goto('/users');
    await page.getByRole('button', { name: u('users.list.invite') }).click();
    const invite = page.getByRole('dialog', { name: u('users.invite.title') });
    const emails = invite.getByRole('textbox', { name: field(u('users.invite.emails')) });
    await emails.fill(account.email);
    await invite.getByRole('textbox', { name: field(u('users.fields.name')) }).fill('Someone Again');
    await invite.getByRole('button', { name: u('users.invite.submit') }).click();
    await expectFieldError(emails, u('users.invite.taken', { emails: account.email }));
    await snap(page, `user-invite-${language}`);
    await invite.getByRole('button', { name: cancel }).click();

    // --- A user's company access: "chosen companies" with none chosen, on the companies field
    await page.goto(`/users/${tess.id}?section=access`);
    await page.getByRole('radio', { name: u('users.access.chosen') }).check({ force: true });
    await page.getByRole('button', { name: u('users.steps.save'), exact: true }).click();
    const plural = tr(language, 'companies', 'companyLabel.defaultPlural');
    const companiesFor = await page
      .locator('label')
      .filter({ hasText: fieldName(plural) })
      .getAttribute('for');
    await expectFieldError(page.locator(`[id="${companiesFor}"]`), u('users.access.chooseOne'));
    await snap(page, `user-access-${language}`);

    // --- My account: a name left empty, on the name field; an API token without a name, on its field
    await page.goto('/account');
    const name = page.getByRole('textbox', { name: field(tr(language, '', 'fields.name')) });
    await name.fill('');
    await page.getByRole('button', { name: tr(language, '', 'account.profile.submit') }).click();
    await expectFieldError(name, problemText(language, 'required'));
    await page.getByRole('button', { name: tr(language, '', 'account.tokens.new') }).click();
    const token = page.getByRole('dialog', { name: tr(language, '', 'account.tokens.createTitle') });
    await token.getByRole('button', { name: tr(language, '', 'account.tokens.create') }).click();
    await expectFieldError(
      token.getByRole('textbox', { name: field(tr(language, '', 'account.tokens.name')) }),
      problemText(language, 'required'),
    );
    await snap(page, `account-token-${language}`);
    await token.getByRole('button', { name: cancel }).click();

    // --- Assigning a seat without choosing a user, on the user field
    const s = (key: string, values?: Record<string, string>) => tr(language, 'seats', key, values);
    const moduleName = s('seats.modules.remoteSupport');
    await page.goto('/seats');
    await page.getByRole('button', { name: s('seats.assign.openFor', { module: moduleName }) }).click();
    const assign = page.getByRole('dialog', { name: s('seats.assign.title', { module: moduleName }) });
    // the user box opens its list on focus: a click on the title closes it
    await assign.getByRole('heading', { name: s('seats.assign.title', { module: moduleName }) }).click();
    await assign.getByRole('button', { name: s('seats.assign.submit'), exact: true }).click();
    await expectFieldError(assign.getByLabel(field(s('seats.assign.user'))).first(), s('seats.assign.pickUser'));
    await snap(page, `seat-assign-${language}`);
    await assign.getByRole('button', { name: cancel }).click();

    // --- A new remote session without a company, on the company field
    const n = (key: string, values?: Record<string, string>) => tr(language, 'sessions', key, values);
    const companyWord = tr(language, 'companies', 'companyLabel.defaultSingular');
    await page.goto('/sessions');
    await page.getByRole('button', { name: n('sessions.create.button') }).click();
    const session = page.getByRole('dialog', { name: n('sessions.create.title') });
    await session.getByRole('button', { name: n('sessions.create.submit') }).click();
    await expectFieldError(
      session.getByTestId('session-company'),
      n('sessions.create.companyRequired', { companyWordLower: companyWord.toLowerCase() }),
    );
    await snap(page, `session-new-${language}`);
    await page.keyboard.press('Escape');

    // --- A contact's quiet hours ending when they start: on "Until", not above the form
    const c = (key: string) => tr(language, 'contacts', key);
    await page.goto(`/contacts/${contact.id}`);
    await page.getByRole('switch', { name: c('contacts.fields.quietHours') }).check({ force: true });
    await page.getByLabel(field(c('contacts.fields.quietStart'))).fill('22:00');
    const until = page.getByLabel(field(c('contacts.fields.quietEnd')));
    await until.fill('22:00');
    await page
      .locator('form')
      .filter({ has: until })
      .getByRole('button', { name: c('contacts.save'), exact: true })
      .click();
    await expectFieldError(until, problemText(language, 'duplicate'));
    await snap(page, `contact-quiet-hours-${language}`);
  });
}
