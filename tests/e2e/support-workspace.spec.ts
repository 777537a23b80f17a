import { expect, test } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { readState } from './server-state.js';
import { screenshots } from './support/screenshots.js';
import { api } from './support/api.js';

const snap = screenshots('workspace-');

test('the workspace at 1440×900: the message box on screen, the unread badge cleared, a canned reply by its shortcut, the customer rating the chat in French, the rating in the report', async ({
  browser,
}) => {
  const account = createAccount('Workspace');
  const context = await browser.newContext({ baseURL: readState().baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, account.email, account.password);
  const me = (await (await page.request.get('/api/v1/me')).json()) as { user: { id: string } };
  for (const module of ['remoteSupport', 'serviceDesk'])
    await api(page, 'POST', `/api/v1/seats/${module}/assignments`, { userId: me.user.id });
  // the customer's portal speaks French
  const portal = (await api(page, 'PATCH', `/api/v1/companies/${account.companyId}/portal`, { language: 'fr' })) as {
    path: string;
  };

  // a canned reply made on its page, for the technician alone
  await page.goto('/support/canned-replies');
  await expect(page.getByRole('heading', { level: 1, name: 'Canned replies' })).toBeVisible();
  await page.getByRole('button', { name: 'New reply' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Title').fill('Greeting');
  await form.getByLabel('Shortcut').fill('Bad name');
  await form.getByLabel('Text').fill('Hello {customer}, I am looking at it now.');
  await form.getByRole('button', { name: 'Save' }).click();
  // the server's problem on its field
  await expect(form.getByText('Use lower-case letters, digits and single hyphens, not at either end.')).toBeVisible();
  await form.getByLabel('Shortcut').fill('hello');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('canned-table').locator('tr[data-shortcut="hello"]')).toBeVisible();
  await snap(page, 'canned-replies');

  // nobody available: the customer's question becomes an offline question in the Service Desk
  await api(page, 'PUT', '/api/v1/me/presence', { status: 'away' });
  const asker = await browser.newContext({ baseURL: readState().baseURL, viewport: { width: 390, height: 844 } });
  const offlineCustomer = await asker.newPage();
  await offlineCustomer.goto(portal.path);
  await offlineCustomer.getByLabel(/^Votre nom/).fill('Olga Offline');
  await offlineCustomer.getByLabel(/^Votre adresse e-mail/).fill('olga@example.test');
  await offlineCustomer.getByLabel(/^Votre question/).fill('The printer jams.');
  await offlineCustomer.getByRole('button', { name: 'Envoyer' }).click();
  await expect(offlineCustomer.getByRole('heading', { name: 'Nous vous répondrons par e-mail' })).toBeVisible();
  await asker.close();

  await page.goto('/service-desk');
  const questionRow = page.getByTestId('request-row').filter({ hasText: 'Olga Offline' });
  await expect(questionRow.getByText('1 unread')).toBeVisible();
  await snap(page, 'badge-before');
  await questionRow.click();
  await expect(page.getByTestId('request-question')).toHaveText('The printer jams.');
  // opened: the badge goes, and stays gone after the answer and a reload
  await expect(questionRow.getByText(/unread/)).toHaveCount(0);
  await page.getByLabel(/^Your answer/).fill('Please open the back cover and remove the sheet.');
  await page.getByRole('button', { name: 'Send the answer' }).click();
  await expect(page.getByTestId('transcript').getByText('Please open the back cover')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('request-question')).toHaveText('The printer jams.');
  for (const view of ['inbox', 'mine', 'completed']) {
    const listed = (await api(page, 'GET', `/api/v1/support-requests?view=${view}`)) as {
      items: { customer: { name: string }; unread: number }[];
    };
    for (const item of listed.items.filter((i) => i.customer.name === 'Olga Offline')) expect(item.unread).toBe(0);
  }
  await expect(page.getByTestId('request-row').getByText(/unread/)).toHaveCount(0);
  await snap(page, 'badge-after');

  // a live chat
  await api(page, 'PUT', '/api/v1/me/presence', { status: 'available' });
  await page.goto('/support');
  await expect(page.getByTestId('availability')).toHaveText('You receive new chats');
  const customerContext = await browser.newContext({
    baseURL: readState().baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const customer = await customerContext.newPage();
  await customer.goto(portal.path);
  await customer.getByLabel(/^Votre nom/).fill('Chloé <b>Client</b>');
  await customer.getByLabel(/^Votre adresse e-mail/).fill('chloe@example.test');
  await customer.getByLabel(/^Votre question/).fill('My screen stays black after the update, what can I do?');
  await customer.getByRole('button', { name: 'Envoyer' }).click();
  await expect(customer.getByTestId('waiting-view')).toBeVisible();

  const row = page.getByTestId('request-row').filter({ hasText: 'Chloé' });
  await expect(row).toBeVisible();
  await row.click();
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByTestId('request-status')).toHaveText('Active');
  // a long conversation: the transcript scrolls in its panel, the message box stays on screen
  const customerBox = customer.getByPlaceholder('Message');
  for (let i = 1; i <= 12; i++) {
    await customerBox.fill(`Détail numéro ${i} de mon problème d’écran.`);
    await customerBox.press('Enter');
  }
  await expect(page.getByTestId('transcript').getByText('Détail numéro 12')).toBeVisible();
  const box = page.getByLabel('Message', { exact: true });
  const rect = await box.boundingBox();
  expect(rect, 'the message box is laid out').not.toBeNull();
  expect(rect!.y).toBeGreaterThanOrEqual(0);
  expect(rect!.y + rect!.height, 'the message box ends inside the 900 px window').toBeLessThanOrEqual(900);
  expect(await page.evaluate(() => window.scrollY), 'the page itself did not scroll').toBe(0);
  const transcript = page.getByTestId('transcript');
  expect(
    await transcript.evaluate((el) => el.scrollHeight > el.clientHeight),
    'the transcript scrolls inside its panel',
  ).toBe(true);
  // the chat's unread badge went when it was opened
  await expect(row.getByText(/unread/)).toHaveCount(0);
  await snap(page, 'chat-1440x900');

  // "/" and the shortcut: the picker, Enter inserts (the customer's name as text), Enter sends
  await box.click();
  await box.pressSequentially('/hel');
  const picker = page.getByRole('listbox', { name: 'Canned replies' });
  await expect(picker.getByRole('option', { name: /\/hello/ })).toBeVisible();
  await snap(page, 'canned-picker');
  await box.press('Enter');
  await expect(box).toHaveValue('Hello Chloé <b>Client</b>, I am looking at it now.');
  await box.press('Enter');
  await expect(
    customer.getByTestId('conversation').getByText('Hello Chloé <b>Client</b>, I am looking at it now.'),
  ).toBeVisible();
  await expect(customer.locator('b', { hasText: 'Client' })).toHaveCount(0);

  // closed: the customer is asked, in French, to rate the chat
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  const closing = page.getByRole('dialog');
  await closing.getByLabel('Resolved', { exact: true }).check();
  await closing.getByRole('button', { name: 'Close the request' }).click();
  await expect(page.getByTestId('request-status')).toHaveText('Closed');
  const question = customer.getByTestId('satisfaction-form');
  await expect(question.getByRole('heading', { name: 'Comment s’est passée cette discussion ?' })).toBeVisible();
  await question.getByRole('button', { name: 'Envoyer ma note' }).click();
  await expect(question.getByRole('alert')).toHaveText('Choisissez une note de 1 à 5.');
  await question.getByLabel('4 étoiles').check();
  await question.getByLabel('Un commentaire (facultatif)').fill('Rapide et aimable.');
  await snap(customer, 'portal-rating-fr');
  await question.getByRole('button', { name: 'Envoyer ma note' }).click();
  await expect(customer.getByTestId('satisfaction-done')).toContainText('Merci pour votre note !');
  await expect(customer.getByTestId('satisfaction-done')).toContainText('4 sur 5');
  await snap(customer, 'portal-rated-fr');

  // the report: the rating per technician and per company
  await page.goto('/support/satisfaction');
  await expect(page.getByRole('heading', { level: 1, name: 'Customer satisfaction' })).toBeVisible();
  await expect(page.getByTestId('satisfaction-count')).toHaveText('1');
  await expect(page.getByTestId('satisfaction-average')).toHaveText('4 / 5');
  await expect(page.getByTestId('satisfaction-technicians').getByTestId('row-count')).toHaveText('1');
  await expect(page.getByTestId('satisfaction-companies').getByTestId('row-average')).toHaveText('4 / 5');
  await snap(page, 'satisfaction');

  // in French
  await api(page, 'PATCH', '/api/v1/me', { language: 'fr' });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Satisfaction des clients' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Technicien' })).toBeVisible();
  await snap(page, 'satisfaction-fr');
  await page.goto('/support/canned-replies');
  await expect(page.getByRole('heading', { level: 1, name: 'Réponses types' })).toBeVisible();
  await snap(page, 'canned-replies-fr');
  await customerContext.close();
  await context.close();
});
