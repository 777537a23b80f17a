import { checkAccessibility } from './support/accessibility.js';
import { createAccount, signInAs } from './support/accounts.js';
import { useLanguage } from './support/field-errors.js';
import { expect, test, type Page } from './support/test.js';
import { readState } from './server-state.js';
import { api } from './support/api.js';
import { enrolDevice } from './support/enrol.js';

/**
 * Every page of the console and the portal, signed in as an administrator with something on each page (a device,
 * a user, a contact, a report, a session, a canned reply, a maintenance window), checked by axe in English, and the
 * pages whose texts differ most in French: no serious or critical violation (tests/e2e/support/test.ts fails the test
 * on one, unless TANDEM_AXE=report or off).
 */
test.setTimeout(300_000);

/** Something to show on every page of a fresh account; the addresses of the pages that show one object. */
async function furnish(page: Page, companyId: string) {
  const me = (await api(page, 'GET', '/api/v1/me')) as { user: { id: string } };
  for (const module of ['remoteSupport', 'serviceDesk'])
    await api(page, 'POST', `/api/v1/seats/${module}/assignments`, { userId: me.user.id });
  const { dataKey } = (await api(page, 'POST', `/api/v1/companies/${companyId}/data-key/rotate`)) as {
    dataKey: string;
  };
  const device = { deviceId: await enrolDevice(page, dataKey, 'Reception PC') };
  const user = (await api(page, 'POST', '/api/v1/users', {
    email: `tess-${companyId.slice(0, 8)}@example.test`,
    name: 'Tess Technician',
    role: 'technician',
    companyIds: [companyId],
  })) as { id: string };
  const contact = (await api(page, 'POST', '/api/v1/contacts', {
    name: 'Olivia On-call',
    methods: [{ type: 'email', value: `olivia-${companyId.slice(0, 8)}@example.test` }],
  })) as { id: string };
  const schedule = (await api(page, 'POST', '/api/v1/report-schedules', {
    name: 'Weekly inventory',
    kind: 'device_inventory',
    frequency: 'weekly',
    weekday: 1,
    time: '08:00',
    timeZone: 'Europe/Paris',
    recipientContactIds: [contact.id],
  })) as { id: string };
  const session = (await api(page, 'POST', '/api/v1/sessions', { companyId })) as { id: string };
  await api(page, 'POST', '/api/v1/canned-replies', {
    scope: 'personal',
    title: 'Greeting',
    shortcut: 'hello',
    body: 'Hello {customer}',
  });
  const start = new Date(Date.now() + 86_400_000);
  await api(page, 'POST', '/api/v1/maintenance-windows', {
    companyId,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    mode: 'hold',
    reason: 'Router replacement',
  });
  const portal = (await api(page, 'GET', `/api/v1/companies/${companyId}/portal`)) as { path: string };
  return {
    device: device.deviceId,
    user: user.id,
    contact: contact.id,
    schedule: schedule.id,
    session: session.id,
    portal,
  };
}

/** Opens an address and waits for its page: its main heading shown, nothing left loading. */
async function visit(page: Page, address: string) {
  await page.goto(address);
  await expect(page.locator('h1').first()).toBeVisible();
  // settled: no request for half a second (a page with a live preview, as a portal's, never stops: then 5 s at most)
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
  await checkAccessibility(page, address);
}

for (const language of ['en', 'fr'] as const) {
  test(`every console and portal page passes axe (${language})`, async ({ page, browser }) => {
    const account = createAccount(`Pages ${language}`);
    // each page below is loaded whole, so drawn by the server and taken over by the console: as it was drawn
    const recovered: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('The console recovered from a rendering error'))
        recovered.push(`${page.url()}: ${message.text().slice(0, 300)}`);
    });
    await signInAs(page, account.email, account.password);
    const ids = await furnish(page, account.companyId);
    await useLanguage(page, language);
    const c = account.companyId;
    const pages = [
      '/',
      '/configure',
      '/account',
      '/audit',
      '/outbox',
      '/companies',
      ...['', '/access', '/data-key', '/inventory', '/settings'].map((tab) => `/companies/${c}${tab}`),
      '/users',
      ...['', '?section=role', '?section=access', '?section=seats'].map((s) => `/users/${ids.user}${s}`),
      '/portals',
      `/portals/${c}`,
      '/support',
      '/support/canned-replies',
      '/support/satisfaction',
      '/sessions',
      `/sessions/${ids.session}`,
      '/service-desk',
      '/contacts',
      `/contacts/${ids.contact}`,
      '/reports',
      `/reports/${ids.schedule}`,
      '/alerts',
      '/seats',
      '/settings',
      '/devices',
      `/devices/${ids.device}`,
      '/no-such-page',
    ];
    // in French, the pages whose names and labels differ most (the shell is on every page; the other pages share
    // their components with these): the English tour sees every page's structure and colours
    const toured =
      language === 'en'
        ? pages
        : ['/', '/account', `/companies/${c}`, `/users/${ids.user}`, '/seats', '/settings', `/devices/${ids.device}`];
    for (const address of toured) await visit(page, address);
    // the alert page's second tab
    await visit(page, '/alerts');
    await page.getByRole('tab').nth(1).click();
    await expect(page.getByRole('tabpanel')).toBeVisible();
    await checkAccessibility(page, 'alerts, maintenance windows');
    expect(recovered).toEqual([]);

    // signed out: the sign-in pages and the customer's portal, on a phone
    const visitor = await browser.newContext({
      baseURL: readState().baseURL,
      locale: language,
      viewport: { width: 390, height: 844 },
    });
    const outside = await visitor.newPage();
    for (const address of ['/login', '/forgot-password', '/password-reset/no-such-link', '/invitation/no-such-link'])
      await visit(outside, address);
    await outside.goto(ids.portal.path);
    await expect(outside.locator('h1').first()).toBeVisible();
    await checkAccessibility(outside, 'portal');
    await visitor.close();
  });
}
