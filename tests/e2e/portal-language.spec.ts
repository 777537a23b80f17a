import { expect, test } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { readState } from './server-state.js';
import { screenshots } from './support/screenshots.js';
import { api } from './support/api.js';

const snap = screenshots('portal-language-');

test('a portal overridden to French: its welcome text and offline notice in French on a desktop and a phone, the e-mail in French', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const account = createAccount('Portal language');
  await signInAs(page, account.email, account.password);
  const me = (await api(page, 'GET', '/api/v1/me')) as { user: { id: string } };
  // a Service Desk seat only: nobody takes a live chat, the customer sees the offline notice
  await api(page, 'POST', '/api/v1/seats/serviceDesk/assignments', { userId: me.user.id });
  const portal = (await api(page, 'PATCH', `/api/v1/companies/${account.companyId}/portal`, {
    language: 'fr',
    welcome: { en: 'Welcome to our help desk.', fr: 'Bienvenue sur notre assistance.' },
  })) as { path: string };
  await api(page, 'PATCH', `/api/v1/companies/${account.companyId}/settings`, {
    values: {
      'portal.offlineMessage': { en: 'We are away until nine.', fr: 'Nous sommes absents jusqu’à neuf heures.' },
    },
  });

  // the console's portal page: one text per language
  await page.goto(`/portals/${account.companyId}`);
  await expect(page.locator('textarea[data-text="welcome-en"]')).toHaveValue('Welcome to our help desk.');
  await expect(page.locator('textarea[data-text="welcome-fr"]')).toHaveValue('Bienvenue sur notre assistance.');
  await expect(page.locator('[data-text="offline-shown-fr"]')).toContainText('Nous sommes absents');
  await snap(page, 'console');

  for (const [name, viewport] of [
    ['desktop', { width: 1440, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    const context = await browser.newContext({
      baseURL: readState().baseURL,
      viewport,
      isMobile: name === 'phone',
      locale: 'en-US',
    });
    const customer = await context.newPage();
    await customer.goto(portal.path);
    await expect(customer.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(customer.getByText('Bienvenue sur notre assistance.')).toBeVisible();
    await expect(customer.getByText('Welcome to our help desk.')).toHaveCount(0);
    await snap(customer, `welcome-${name}`);
    const email = `client-${name}@example.test`;
    await customer.getByLabel(/^Votre nom/).fill('Zoé Martin');
    await customer.getByLabel(/^Votre adresse e-mail/).fill(email);
    await customer.getByLabel(/^Votre question/).fill('Mon imprimante ne répond plus.');
    await customer.getByRole('button', { name: 'Envoyer' }).click();
    await expect(customer.getByTestId('offline-message')).toHaveText('Nous sommes absents jusqu’à neuf heures.');
    await snap(customer, `offline-${name}`);
    await context.close();

    // the e-mail to the customer is in the portal's language, not the account's (English)
    await expect(async () => {
      const list = (await api(page, 'GET', `/api/v1/outbox?recipient=${encodeURIComponent(email)}`)) as {
        items: { id: string; subject: string }[];
      };
      expect(list.items.map((m) => m.subject)).toEqual([expect.stringContaining('Votre question')]);
    }).toPass({ timeout: 15_000 });
  }
  await page.goto('/outbox');
  await expect(page.getByText(/Votre question/).first()).toBeVisible();
  await snap(page, 'outbox');
});
