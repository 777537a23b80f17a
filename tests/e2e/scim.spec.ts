import { expect, test } from './support/test.js';
import { api } from './support/api.js';
import { createAccount, signInAs } from './support/accounts.js';
import { screenshots } from './support/screenshots.js';

const snap = screenshots('scim-');

test('SCIM provisioning: an administrator creates a token on the SCIM tab, sees it once, the identity provider uses it, then it is revoked', async ({
  page,
  baseURL,
}) => {
  const account = createAccount('Scim');
  await signInAs(page, account.email, account.password);

  await page.goto('/identity?tab=scim');
  await expect(page.getByRole('tab', { name: 'Provisioning (SCIM)', selected: true })).toBeVisible();
  await expect(page.getByText('No SCIM token yet: provisioning is off.')).toBeVisible();
  const baseUrl = (await page.getByTestId('scim-base-url').textContent())?.trim() ?? '';
  expect(baseUrl).toMatch(/^https?:\/\/.+\/scim\/v2$/);
  await snap(page, 'empty');

  await page.getByRole('button', { name: 'New SCIM token' }).click();
  const createDialog = page.getByRole('dialog', { name: 'New SCIM token' });
  await createDialog.getByLabel('Name').fill('Entra ID');
  await createDialog.getByRole('button', { name: 'Create token' }).click();

  const shown = page.getByRole('dialog', { name: 'Your new SCIM token' });
  await expect(shown).toBeVisible();
  await expect(shown.getByText('This token is shown only once.', { exact: false })).toBeVisible();
  const secret = (await shown.getByTestId('created-scim-token').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^tdm_scim_/);
  await snap(page, 'created');
  await shown.getByRole('button', { name: 'I have copied it' }).click();
  await expect(shown).toBeHidden();
  const row = page.getByRole('row', { name: /Entra ID/ });
  await expect(row).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);

  // the identity provider's side: the token works on /scim/v2 (and only there), from this browser's origin
  const scim = (path: string, token = secret) =>
    page.request.get(`${baseURL}/scim/v2${path}`, { headers: { authorization: `Bearer ${token}` } });
  const listed = await scim('/Users?filter=' + encodeURIComponent(`userName eq "${account.email}"`));
  expect(listed.status()).toBe(200);
  expect(listed.headers()['content-type']).toMatch(/^application\/scim\+json/);
  expect(await listed.json()).toMatchObject({
    totalResults: 1,
    Resources: [{ userName: account.email, active: true }],
  });
  await page.reload();
  await expect(row.getByRole('cell').nth(3)).not.toHaveText('Never');
  await snap(page, 'listed');

  // in French: the same tab, its words translated
  await api(page, 'PATCH', '/api/v1/me', { language: 'fr' });
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Provisionnement (SCIM)', selected: true })).toBeVisible();
  await expect(page.getByText('Jetons SCIM', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nouveau jeton SCIM' })).toBeVisible();
  await snap(page, 'listed-fr');
  await api(page, 'PATCH', '/api/v1/me', { language: 'en' });
  await page.reload();

  await page
    .getByRole('row', { name: /Entra ID/ })
    .getByRole('button', { name: 'Revoke the SCIM token "Entra ID"' })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Revoke this SCIM token?' });
  await expect(confirm).toBeVisible();
  await snap(page, 'revoke');
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('No SCIM token yet: provisioning is off.')).toBeVisible();
  expect((await scim('/Users')).status()).toBe(401);
});
