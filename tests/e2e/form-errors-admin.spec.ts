import { test } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { expectFieldError, fieldName, numberIn, problemText, tr, useLanguage } from './support/field-errors.js';
import { api } from './support/api.js';
import { screenshots } from './support/screenshots.js';

/**
 * The administration forms: maintenance windows, report schedules, portals, settings (the
 * account's and a company's override) and canned replies, each sent with what the server refuses;
 * its problem is said on the field, in English and in French.
 */
const snap = screenshots('form-errors-');
test.setTimeout(180_000);

for (const language of ['en', 'fr'] as const) {
  test(`administration forms: each server problem on its field (${language})`, async ({ page }) => {
    const account = createAccount(`Admin forms ${language}`);
    await signInAs(page, account.email, account.password);
    const me = (await api(page, 'GET', '/api/v1/me')) as { user: { id: string } };
    for (const module of ['remoteSupport', 'serviceDesk'])
      await api(page, 'POST', `/api/v1/seats/${module}/assignments`, { userId: me.user.id });
    await useLanguage(page, language);
    const field = fieldName;
    const cancel = tr(language, '', 'common.cancel');

    // --- Maintenance window: an end before the start, on "Ends"
    const a = (key: string) => tr(language, 'alerts', key);
    await page.goto('/alerts');
    await page.getByRole('tab', { name: a('alerts.tabs.maintenance') }).click();
    await page.getByRole('button', { name: a('alerts.maintenance.new') }).click();
    const windowForm = page.getByRole('dialog', { name: a('alerts.maintenance.new') });
    await windowForm
      .getByLabel(field(tr(language, 'companies', 'companyLabel.defaultSingular')))
      .first()
      .click();
    await page.getByRole('option').first().click();
    await windowForm.getByRole('textbox', { name: field(a('alerts.maintenance.fields.reason')) }).fill('Routers');
    await windowForm.getByLabel(field(a('alerts.maintenance.fields.startsAt'))).fill('2031-03-01T22:00');
    const ends = windowForm.getByLabel(field(a('alerts.maintenance.fields.endsAt')));
    await ends.fill('2031-03-01T20:00');
    await windowForm.getByRole('button', { name: a('alerts.maintenance.create') }).click();
    await expectFieldError(ends, problemText(language, 'end_before_start'));
    await snap(page, `maintenance-${language}`);
    await windowForm.getByRole('button', { name: cancel }).click();

    // --- Report schedule: no time of day, on "Time"
    const r = (key: string) => tr(language, 'reports', key);
    await page.goto('/reports');
    await page.getByRole('button', { name: r('reports.new') }).click();
    const schedule = page.getByRole('dialog', { name: r('reports.new') });
    await schedule.getByRole('textbox', { name: field(r('reports.form.name')) }).fill('Weekly inventory');
    await schedule.getByRole('combobox', { name: r('reports.form.recipients') }).fill(account.email.split('@')[0]!);
    await page.getByRole('option', { name: new RegExp(account.email.replace(/[.]/g, '\\.')) }).click();
    const time = schedule.getByLabel(field(r('reports.form.time')));
    await time.fill('');
    await schedule.getByRole('button', { name: r('reports.form.create') }).click();
    await expectFieldError(time, problemText(language, 'invalid_time'));
    await snap(page, `report-schedule-${language}`);
    await schedule.getByRole('button', { name: cancel }).click();

    // --- Portal: an address with a double hyphen, on "Address"
    const p = (key: string) => tr(language, 'portals', key);
    await page.goto(`/portals/${account.companyId}`);
    const slug = page.getByRole('textbox', { name: field(p('portals.general.slug')) });
    await slug.fill('help--desk');
    await page.locator('button[type="submit"]', { hasText: p('portals.page.save') }).click();
    await expectFieldError(slug, problemText(language, 'invalid_slug'));
    await snap(page, `portal-${language}`);

    // --- Settings: a value above the setting's maximum, on the setting's field
    const s = (key: string) => tr(language, 'settings', key);
    await page.goto('/settings');
    const perTechnician = page.locator('[data-setting="sessions.maxPerTechnician"]');
    const sessionsField = perTechnician.getByRole('textbox');
    await sessionsField.fill('99');
    await perTechnician.getByRole('button', { name: s('settings.save'), exact: true }).click();
    await expectFieldError(sessionsField, problemText(language, 'too_big', { max: 50 }));
    await snap(page, `setting-${language}`);

    // --- A company's override: a retention above the maximum, on the override's field
    await page.goto(`/companies/${account.companyId}/settings`);
    const retention = page.locator('[data-setting="sessions.recordingRetentionDays"]');
    await retention.getByRole('button', { name: s('settings.company.override') }).click();
    const retentionField = retention.getByRole('textbox');
    await retentionField.fill('5000');
    await retention.getByRole('button', { name: s('settings.save'), exact: true }).click();
    await expectFieldError(retentionField, problemText(language, 'too_big', { max: numberIn(language, 3650) }));
    await snap(page, `company-setting-${language}`);

    // --- Canned reply: a shortcut with a space, on "Shortcut"
    const q = (key: string) => tr(language, 'requests', key);
    await page.goto('/support/canned-replies');
    await page.getByRole('button', { name: q('requests.canned.new') }).click();
    const reply = page.getByRole('dialog');
    await reply.getByRole('textbox', { name: field(q('requests.canned.fields.title')) }).fill('Greeting');
    const shortcut = reply.getByRole('textbox', { name: field(q('requests.canned.fields.shortcut')) });
    await shortcut.fill('Bad name');
    await reply.getByRole('textbox', { name: field(q('requests.canned.fields.body')) }).fill('Hello {customer}.');
    await reply.getByRole('button', { name: q('requests.canned.save') }).click();
    await expectFieldError(shortcut, problemText(language, 'invalid_slug'));
    await snap(page, `canned-reply-${language}`);
  });
}
