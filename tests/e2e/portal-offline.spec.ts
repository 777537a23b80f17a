import { expect, test, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { readState } from './server-state.js';
import { screenshots } from './support/screenshots.js';
import { api } from './support/api.js';

const snap = screenshots('portal-');

/** The private follow link of the latest e-mail to `to` (the e2e server keeps e-mails in its outbox). */
async function followLinkSentTo(page: Page, to: string, kind: string): Promise<string> {
  let link = '';
  await expect(async () => {
    const list = (await api(
      page,
      'GET',
      `/api/v1/outbox?recipient=${encodeURIComponent(to)}&kind=${encodeURIComponent(kind)}`,
    )) as { items: { id: string }[] };
    expect(list.items.length).toBeGreaterThan(0);
    const message = (await api(page, 'GET', `/api/v1/outbox/${list.items[0]!.id}`)) as { bodyText: string };
    const match = /https?:\/\/\S+\/portal\/[^\s/]+\/requests\/[0-9a-f-]+#t=[\w-]+/.exec(message.bodyText);
    expect(match, message.bodyText).not.toBeNull();
    link = match![0];
  }).toPass({ timeout: 15_000 });
  return link;
}

test('offline: no technician available → the French portal’s offline message, the question kept, the e-mailed link, the answer and a reply', async ({
  page,
  browser,
}) => {
  const account = createAccount('Portal offline');
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened in the console: ${d.message()}`);
  });
  await signInAs(page, account.email, account.password);
  const me = (await (await page.request.get('/api/v1/me')).json()) as { user: { id: string } };
  // a Service Desk seat only: nobody can take a live chat
  await api(page, 'POST', '/api/v1/seats/serviceDesk/assignments', { userId: me.user.id });
  const portal = (await api(page, 'PATCH', `/api/v1/companies/${account.companyId}/portal`, {
    language: 'fr',
    welcome: { en: '', fr: 'Bienvenue sur notre assistance.' },
  })) as { path: string };

  // Configure › Customer portals lists the company; its page shows the portal, with its preview
  await page.goto('/portals');
  await expect(page.getByRole('heading', { level: 1, name: 'Customer portals' })).toBeVisible();
  await snap(page, 'list');
  await page
    .getByRole('link', { name: /Configure — / })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/portals/${account.companyId}$`));
  await expect(page.getByRole('heading', { name: /^Customer portal of / })).toBeVisible();
  await expect(page.locator('textarea[data-text="welcome-fr"]')).toHaveValue('Bienvenue sur notre assistance.');
  await expect(
    page.frameLocator('[data-testid="portal-preview"]').getByRole('heading', { name: 'Poser une question' }),
  ).toBeVisible();
  await snap(page, 'configuration');

  // a customer whose browser speaks English reads the portal in French
  const customerContext = await browser.newContext({
    baseURL: readState().baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    locale: 'en-US',
  });
  const customer = await customerContext.newPage();
  await customer.goto(portal.path);
  await expect(customer.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(customer.getByRole('heading', { level: 1, name: 'Poser une question' })).toBeVisible();
  await expect(customer.getByText('Bienvenue sur notre assistance.')).toBeVisible();
  await customer.getByLabel(/^Votre nom/).fill('Zoé Martin');
  await customer.getByLabel(/^Votre adresse e-mail/).fill('zoe@example.test');
  const question = 'Mon imprimante <b>refuse</b> d’imprimer depuis ce matin.';
  await customer.getByLabel(/^Votre question/).fill(question);
  await snap(customer, 'form-fr');
  await customer.getByRole('button', { name: 'Envoyer' }).click();

  await expect(customer.getByTestId('offline-view')).toBeVisible();
  await expect(customer.getByRole('heading', { name: 'Nous vous répondrons par e-mail' })).toBeVisible();
  await expect(customer.getByText('Aucun technicien n’est disponible pour le moment.')).toBeVisible();
  await expect(customer.getByTestId('offline-message')).not.toBeEmpty();
  await expect(customer.getByTestId('kept-question')).toHaveText(question);
  await expect(customer.getByText('zoe@example.test')).toBeVisible();
  await snap(customer, 'offline-fr');

  // the e-mail with the private link
  const firstLink = await followLinkSentTo(page, 'zoe@example.test', 'support_question_received');

  // the Service Desk answers
  await page.goto('/service-desk');
  const row = page.getByTestId('request-row').filter({ hasText: 'Zoé Martin' });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('request-question')).toHaveText(question);
  await page.getByRole('button', { name: 'Assign to me' }).click();
  await expect(page.getByText(/is assigned to/)).toBeVisible();
  await page.getByLabel(/^Your answer/).fill('Bonjour Zoé, redémarrez le spouleur d’impression.');
  await page.getByRole('button', { name: 'Send the answer' }).click();
  await expect(page.getByTestId('request-status')).toHaveText('Answered');
  await snap(page, 'service-desk-answered');

  // the customer's link shows the answer, and takes a reply
  const link = await followLinkSentTo(page, 'zoe@example.test', 'support_question_answered').catch(() => firstLink);
  await customer.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(customer.getByTestId('follow-page')).toBeVisible();
  await expect(customer.getByTestId('follow-status')).toHaveText('Répondue');
  await expect(customer.getByText('Bonjour Zoé, redémarrez le spouleur d’impression.')).toBeVisible();
  await customer.getByPlaceholder('Votre réponse').fill('Merci, cela fonctionne !');
  await customer.getByRole('button', { name: 'Envoyer la réponse' }).click();
  await expect(customer.getByText('Votre réponse a été envoyée.')).toBeVisible();
  await snap(customer, 'follow-fr');

  // the reply reaches the inbox
  await expect(page.getByTestId('transcript').getByText('Merci, cela fonctionne !')).toBeVisible();
  await expect(page.getByTestId('transcript').locator('b')).toHaveCount(0);
  await customerContext.close();
});
