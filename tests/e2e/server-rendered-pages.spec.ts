import { createAccount, signInAs } from './support/accounts.js';
import { api } from './support/api.js';
import { enrolDevice } from './support/enrol.js';
import { useLanguage } from './support/field-errors.js';
import { expect, test, withoutTakeOver, type Page } from './support/test.js';

/**
 * Signed-in console pages arrive drawn by the server (src/server/modules/console-page): a browser
 * without script shows each page's heading and its rows, and the console takes the drawn page
 * over as it is — no rendering error to recover from, its forms and links live at once.
 */
test.setTimeout(180_000);

/** The console's warning for an error React recovered from (main.tsx), a hydration mismatch among them. */
const recovered = 'The console recovered from a rendering error';

function watchWarnings(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes(recovered)) seen.push(`${page.url()}: ${message.text().slice(0, 400)}`);
  });
  page.on('pageerror', (error) => seen.push(`${page.url()}: ${error.message}`));
  return seen;
}

test('every signed-in page arrives drawn, before any script', async ({ page, browser }) => {
  const account = createAccount('Drawn pages');
  await signInAs(page, account.email, account.password);
  const me = (await api(page, 'GET', '/api/v1/me')) as { user: { id: string } };
  for (const module of ['remoteSupport', 'serviceDesk'])
    await api(page, 'POST', `/api/v1/seats/${module}/assignments`, { userId: me.user.id });
  const { dataKey } = (await api(page, 'POST', `/api/v1/companies/${account.companyId}/data-key/rotate`)) as {
    dataKey: string;
  };
  // what an agent typed is text in the drawn page and in the answers sent with it
  const hostile = '</script><script>window.__drawnPwned=1</script>';
  const deviceId = await enrolDevice(page, dataKey, hostile);
  const contact = (await api(page, 'POST', '/api/v1/contacts', {
    name: 'Olivia On-call',
    methods: [{ type: 'email', value: `olivia-${account.companyId.slice(0, 8)}@example.test` }],
  })) as { id: string };

  // the console's scripts never arrive: what shows is what the server drew
  const noScript = await browser.newContext({ baseURL: new URL(page.url()).origin });
  withoutTakeOver(noScript);
  await noScript.route(/\/assets\/.*\.js$/, (route) => route.abort());
  await noScript.addCookies(await page.context().cookies());
  const bare = await noScript.newPage();
  const pages: [address: string, heading: RegExp, row?: string][] = [
    ['/', /Welcome/],
    ['/configure', /Configure/],
    ['/devices', /^Devices$/, hostile],
    [`/devices/${deviceId}`, /script/],
    ['/companies', /^Companies$/, account.name.replace(/ \w+$/, '')],
    [`/companies/${account.companyId}`, /./],
    ['/users', /Users/, account.email],
    ['/contacts', /Contacts/, 'Olivia On-call'],
    [`/contacts/${contact.id}`, /Olivia On-call/],
    ['/alerts', /Alert/],
    ['/reports', /report/i],
    ['/portals', /portal/i],
    ['/support', /./],
    ['/sessions', /session/i],
    ['/service-desk', /./],
    ['/seats', /./],
    ['/settings', /Settings/],
    ['/account', /My account/],
    ['/audit', /Audit log/],
    ['/outbox', /./],
    ['/scripts', /./],
    ['/identity', /./],
  ];
  for (const [address, heading, row] of pages) {
    const answer = await bare.goto(address);
    expect(answer?.headers()['cache-control'], `${address} holds personal data`).toBe('no-store');
    await expect(bare.locator('#main h1').first(), address).toHaveText(heading);
    await expect(bare.locator('#main .mantine-Loader-root'), `${address} drawn without a loader`).toHaveCount(0);
    if (row) await expect(bare.locator('#main').getByText(row).first(), address).toBeVisible();
  }
  // in colour: Mantine's colours hang on the scheme the document names (light until the browser says)
  await expect(bare.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await expect(bare.locator('a[href="/support"]')).toBeVisible();
  // the header's company switcher names its choice as drawn, not only once the console has it
  await expect(bare.getByTestId('company-switcher')).toHaveValue(/^All companies$/);
  // inert until the console takes it over (its scripts never come here): nothing can be clicked for nothing
  await expect(bare.locator('#root')).toHaveAttribute('inert', '');
  // a page whose answer fails (a device that does not exist) is left to the browser, which asks again
  await bare.goto('/devices/00000000-0000-4000-8000-000000000000');
  await expect(bare.locator('#console-state')).toHaveCount(0);
  await expect(bare.locator('#root')).toBeEmpty();
  // signed out, the plain document: the browser draws the sign-in page itself
  await noScript.clearCookies();
  const answer = await bare.goto('/devices');
  expect(answer?.headers()['cache-control']).toBe('no-cache');
  await expect(bare.locator('#console-state')).toHaveCount(0);
  await noScript.close();

  const warnings = watchWarnings(page);
  await page.goto('/devices');
  await expect(page.locator('#root')).not.toHaveAttribute('inert');
  await expect(page.getByRole('link', { name: hostile })).toBeVisible();
  expect(await page.evaluate(() => (window as { __drawnPwned?: number }).__drawnPwned)).toBeUndefined();
  expect(warnings).toEqual([]);
});

test('a drawn page is taken over as it is, live at once, in the language of its user', async ({ page }) => {
  const account = createAccount('Taken over');
  await signInAs(page, account.email, account.password);
  const warnings = watchWarnings(page);
  for (const address of ['/', '/companies', '/users', '/settings', '/account', '/identity', '/audit']) {
    await page.goto(address);
    await expect(page.locator('#console-state')).toHaveCount(1);
    await expect(page.locator('#main h1').first()).toBeVisible();
    // settled: the page's own requests done, so a late mismatch would have been reported
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  }
  expect(warnings).toEqual([]);

  // live: the first change made on a drawn page carries the session's CSRF token it was sent
  await page.goto('/contacts');
  await page.getByRole('button', { name: 'New contact' }).click();
  const create = page.getByRole('dialog', { name: 'New contact' });
  await create.getByLabel(/^Name/).fill('Drawn Dana');
  await create
    .getByRole('textbox', { name: /^Address or number/ })
    .first()
    .fill(`dana-${account.companyId.slice(0, 8)}@example.test`);
  await create.getByRole('button', { name: 'New contact' }).click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]+$/);
  await expect(page.locator('#main h1')).toHaveText('Drawn Dana');

  // in French, drawn in French from the first byte
  await useLanguage(page, 'fr');
  const html = await (await page.request.get('/settings')).text();
  expect(html).toContain('<html lang="fr"');
  expect(html).toContain('Paramètres');
  expect(warnings).toEqual([]);
});
