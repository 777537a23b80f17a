import { randomBytes } from 'node:crypto';
import { startTestProvider, type TestProvider } from '../support/oidc-provider.js';
import { expect, test } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { api } from './support/api.js';
import { fieldName, tr, useLanguage } from './support/field-errors.js';
import { readState } from './server-state.js';
import { screenshots } from './support/screenshots.js';

/**
 * Single sign-on in Chromium: an administrator adds the account's OpenID provider on the Sign-in &
 * provisioning page, tests it and turns it on; a person of its e-mail domain is offered "Sign in
 * with …" on the sign-in page, signs in on the provider's own page, and comes back signed in to
 * Tandem, created with the role and company their group gives.
 */
const snap = screenshots('sso-');
let provider: TestProvider;

test.beforeAll(async () => {
  provider = await startTestProvider([`${readState().baseURL}/api/v1/auth/sso/callback`]);
});
test.afterAll(async () => provider?.close());

test('an administrator adds a provider; a person signs in through it and is created from their group', async ({
  page,
}) => {
  const account = createAccount('Single sign-on');
  const domain = `sso-${randomBytes(3).toString('hex')}.example.test`;
  await signInAs(page, account.email, account.password);
  const company = (await api(page, 'GET', `/api/v1/companies/${account.companyId}`)) as { name: string };
  await api(page, 'POST', '/api/v1/group-rules', {
    groupName: 'helpdesk',
    role: 'technician',
    companyIds: [account.companyId],
  });
  const s = (key: string, values?: Record<string, string>) => tr('en', 'sso', `sso.${key}`, values);

  // the provider, added on the providers tab
  await page.goto('/identity');
  await page.getByRole('button', { name: s('add') }).click();
  const form = page.getByRole('dialog', { name: s('newTitle') });
  await form.getByRole('textbox', { name: fieldName(s('fields.name')) }).fill('Northwind ID');
  await form.getByRole('textbox', { name: fieldName(s('fields.issuer')) }).fill(provider.issuer);
  await form.getByRole('textbox', { name: fieldName(s('fields.clientId')) }).fill(provider.clientId);
  await form.getByLabel(fieldName(s('fields.clientSecret'))).fill(provider.clientSecret);
  // this provider sends groups only to those who ask for its `groups` scope
  await form.getByRole('textbox', { name: fieldName(s('fields.scopes')) }).fill('openid email profile groups');
  await form.getByRole('textbox', { name: fieldName(s('fields.domains')) }).fill(domain);
  await form.getByRole('switch', { name: s('fields.createUsers') }).check();
  await form.getByRole('button', { name: s('save') }).click();
  await expect(form).toBeHidden();

  // tested, then turned on
  await page.getByRole('button', { name: `${s('test.button')}: Northwind ID` }).click();
  await expect(page.getByText(s('test.ok'))).toBeVisible();
  const on = page.getByRole('switch', { name: `${s('fields.enabled')}: Northwind ID` });
  // the switch follows the server: it turns once the provider is saved as on
  if (!(await on.isChecked())) await on.click({ force: true });
  await expect(on).toBeChecked();
  await snap(page, 'providers-en');
  await useLanguage(page, 'fr');
  await expect(page.getByRole('button', { name: tr('fr', 'sso', 'sso.add') })).toBeVisible();
  await snap(page, 'providers-fr');
  await useLanguage(page, 'en');

  // signed out, a person of the domain is offered the provider and signs in on its own page
  await page.context().clearCookies();
  provider.setPerson('ada', {
    email: `ada@${domain}`,
    email_verified: true,
    name: 'Ada Lovelace',
    groups: ['helpdesk'],
  });
  await page.goto('/login');
  await page.getByLabel(/^E-mail/).fill(`ada@${domain}`);
  const button = page.getByRole('link', { name: s('login.signInWith', { name: 'Northwind ID' }) });
  await expect(button).toBeVisible();
  await snap(page, 'sign-in-en');
  await button.click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill('ada');
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  // the provider may ask for consent once more before sending the browser back
  await page.waitForURL((url) => url.origin !== provider.issuer || url.pathname.includes('/interaction/'));
  while (new URL(page.url()).origin === provider.issuer) {
    await page.locator('button[type="submit"]').click();
    await page.waitForLoadState();
  }
  await page.waitForURL(
    (url) => !url.pathname.startsWith('/login') && url.origin === new URL(readState().baseURL).origin,
  );

  // signed in as the person created from their group
  const me = (await api(page, 'GET', '/api/v1/me')) as { user: { email: string; name: string; role: string } };
  expect(me.user).toMatchObject({ email: `ada@${domain}`, name: 'Ada Lovelace', role: 'technician' });
  await expect(page.getByRole('button', { name: /Ada Lovelace/ })).toBeVisible();
  expect(company.name).toBeTruthy();
});
