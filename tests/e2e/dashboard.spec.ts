import { expect, test } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { screenshots } from './support/screenshots.js';
import { enrolDevice } from './support/enrol.js';

/**
 * The operations dashboard is the home page: its counts, a device enrolling shown without a
 * reload (over the live socket), a number opening its filtered list, the Configure grid at
 * /configure, and French, at 1440×900.
 */
const snap = screenshots('dashboard-');

test.use({ viewport: { width: 1440, height: 900 } });

test('dashboard: counts, a device enrolling appears live, a number opens its filtered list, Configure, French', async ({
  page,
}) => {
  const account = createAccount('Dashboard');
  await signInAs(page, account.email, account.password);
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string; user: { id: string } };
  const csrf = { 'x-csrf-token': me.csrfToken };
  // the administrator takes a Remote Support seat: the live queue's numbers are for those who work in it
  await page.request.post('/api/v1/seats/remoteSupport/assignments', { headers: csrf, data: { userId: me.user.id } });
  const company = (await (await page.request.get(`/api/v1/companies/${account.companyId}`)).json()) as {
    dataKey: string;
  };
  for (const name of ['Front desk', 'Workshop']) await enrolDevice(page, company.dataKey, name);

  // --- the home page is the dashboard
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Dashboard' })).toBeVisible();
  // enrolled through the API, these devices never send a heartbeat: they go offline after a few seconds here
  const offline = page.getByTestId('devices-offline');
  await expect(offline).toContainText('of 2 devices');
  await expect(page.getByTestId('devices-online').getByRole('link', { name: /^Devices online: [0-2]$/ })).toBeVisible();
  await expect(page.getByTestId('requests-waiting').getByRole('link', { name: 'Requests waiting: 0' })).toBeVisible();
  await expect(page.getByTestId('requests-waiting')).toContainText('Nobody is waiting');
  await expect(page.getByTestId('alerts-today').getByRole('link', { name: 'Alerts fired today: 0' })).toBeVisible();
  await expect(page.getByTestId('seats')).toContainText('Remote Support');
  await expect(page.getByTestId('updated-at')).toContainText('Updated at');
  await expect(page.getByTestId('device-trend').locator('.recharts-surface').first()).toBeVisible();
  await expect(
    page.getByTestId('company-devices').getByRole('link', { name: /: \d offline, \d online$/ }),
  ).toBeVisible();
  await snap(page, 'home');

  // --- a device enrolls elsewhere: the count follows without a reload
  // the time shown counts seconds: the next one begins before the device enrols, so that the live
  // update's time differs from it
  const before = await page.getByTestId('updated-at').textContent();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await enrolDevice(page, company.dataKey, 'Lab bench');
  await expect(offline).toContainText('of 3 devices', { timeout: 10_000 });
  await expect(page.getByTestId('updated-at')).not.toHaveText(before ?? '');
  await snap(page, 'live');

  // --- a number opens its filtered list
  await offline.getByRole('link', { name: /^Devices offline: \d$/ }).click();
  await expect(page).toHaveURL(/\/devices\?status=offline$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Devices' })).toBeVisible();
  await page.goBack();
  await page
    .getByTestId('company-devices')
    .getByRole('link', { name: /: \d offline, \d online$/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/devices\\?status=offline&companyId=${account.companyId}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Devices' })).toBeVisible();
  await page.goBack();
  await page
    .getByTestId('seats')
    .getByRole('link', { name: /^Remote Support: 1 of \d+ seats in use$/ })
    .click();
  await expect(page).toHaveURL(/\/seats$/);

  // --- the Configure grid stays reachable, from the dashboard and from the Configure menu
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'All settings pages' })).toHaveAttribute('href', '/configure');
  await page.getByRole('button', { name: 'Configure' }).click();
  await page.getByRole('menuitem', { name: 'All settings pages' }).click();
  await expect(page).toHaveURL(/\/configure$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Configure' })).toBeVisible();
  await expect(page.getByText('Who changed what, and when.')).toBeVisible();
  await snap(page, 'configure');

  // --- French: words, numbers and dates of the language
  await page.goto('/');
  await page.getByRole('button', { name: /Language: / }).click();
  await page.getByRole('menuitem', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bienvenue, Dashboard' })).toBeVisible();
  await expect(
    page.getByTestId('devices-offline').getByRole('link', { name: /^Appareils hors ligne : \d$/ }),
  ).toBeVisible();
  await expect(page.getByTestId('devices-offline')).toContainText('sur 3 appareils');
  await expect(page.getByTestId('alerts-today')).toContainText('Alertes déclenchées aujourd’hui');
  await expect(page.getByTestId('updated-at')).toContainText('Mis à jour le');
  await expect(page.getByTestId('seats')).toContainText('Assistance à distance');
  await snap(page, 'home-fr');
  // back to English for the specs after this one
  await page.getByRole('button', { name: /Langue\s*:/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Dashboard' })).toBeVisible();
});
