import { expect, test, type Browser } from './support/test.js';
import { createAccount, signInAs, type E2eAccount } from './support/accounts.js';
import { CuttableProxy } from './support/proxy.js';
import { readState } from './server-state.js';
import { screenshots } from './support/screenshots.js';
import { api } from './support/api.js';

/** What a customer might type to attack the console: shown as text, never run. */
const nameAttack = 'Eve <script>window.__pwned=1</script>';
const questionAttack = 'My printer <img src=x onerror="window.__pwned=1"> is <b>broken</b>';

const snap = screenshots('support-');

/** The account's administrator, with a Remote Support seat, signed in on the Support workspace (so online and available). */
async function technician(browser: Browser, account: E2eAccount) {
  const context = await browser.newContext({ baseURL: readState().baseURL });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened in the console: ${d.message()}`);
  });
  await signInAs(page, account.email, account.password);
  const me = (await (await page.request.get('/api/v1/me')).json()) as { user: { id: string } };
  await api(page, 'POST', '/api/v1/seats/remoteSupport/assignments', { userId: me.user.id });
  await page.goto('/support');
  await expect(page.getByRole('heading', { level: 1, name: 'Support requests' })).toBeVisible();
  await expect(page.getByTestId('availability')).toHaveText('You receive new chats');
  return { context, page };
}

test('a customer asks on a phone, a technician accepts, both chat; the customer’s line is cut and restored mid-chat with nothing lost; customer text stays inert in the console', async ({
  browser,
}) => {
  const account = createAccount('Support chat');
  const proxy = CuttableProxy.forBaseUrl(readState().baseURL);
  await proxy.start();
  try {
    const tech = await technician(browser, account);
    const portal = (await api(tech.page, 'GET', `/api/v1/companies/${account.companyId}/portal`)) as {
      slug: string;
      path: string;
    };

    // the customer, on a phone, through a line that can be cut
    const customerContext = await browser.newContext({
      baseURL: proxy.baseURL,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-GB',
    });
    const customer = await customerContext.newPage();
    await customer.goto(portal.path);
    await expect(customer.getByRole('heading', { level: 1, name: 'Ask a question' })).toBeVisible();
    await expect(customer.locator('html')).toHaveAttribute('lang', 'en');
    // every control has a label
    await customer.getByRole('button', { name: 'Send' }).click();
    await expect(customer.getByRole('alert')).toContainText('Please check the form');
    await expect(customer.getByLabel(/^Your name/)).toHaveAttribute('aria-invalid', 'true');
    await snap(customer, 'portal-form-errors-phone');
    await customer.getByLabel(/^Your name/).fill(nameAttack);
    await customer.getByLabel(/^Your e-mail address/).fill('eve@example.test');
    await customer.getByLabel(/^Your question/).fill(questionAttack);
    await snap(customer, 'portal-form-phone');
    await customer.getByRole('button', { name: 'Send' }).click();

    // waiting in the live queue, with position and estimate
    await expect(customer.getByTestId('waiting-view')).toBeVisible();
    await expect(customer.getByTestId('queue-position')).toHaveText('You are next in line.');
    await expect(customer.getByTestId('queue-estimate')).not.toBeEmpty();
    await snap(customer, 'portal-waiting-phone');

    // the request appears at once in New; its text is inert
    const row = tech.page.getByTestId('request-row').filter({ hasText: 'Eve' });
    await expect(row).toBeVisible();
    await row.click();
    await expect(tech.page.getByTestId('request-question')).toHaveText(questionAttack);
    await expect(tech.page.getByTestId('request-title')).toContainText(nameAttack);
    await expect(tech.page.locator('main img[src="x"]')).toHaveCount(0);
    await expect(tech.page.locator('main b', { hasText: 'broken' })).toHaveCount(0);
    await tech.page.getByRole('button', { name: 'Accept' }).click();
    await expect(tech.page.getByTestId('request-status')).toHaveText('Active');
    await snap(tech.page, 'workspace-accepted');

    // both ways, with typing and read state
    await expect(customer.getByTestId('chat-view')).toBeVisible();
    const techBox = tech.page.getByLabel('Message', { exact: true });
    await techBox.fill('Hello, I am looking at it.');
    await techBox.press('Enter');
    const customerLog = customer.getByTestId('conversation');
    await expect(customerLog.getByText('Hello, I am looking at it.')).toBeVisible();
    const customerBox = customer.getByPlaceholder('Message');
    await customerBox.fill('Thank you!');
    await expect(tech.page.getByTestId('customer-typing')).toHaveText('The customer is typing…');
    await customerBox.press('Enter');
    const techLog = tech.page.getByTestId('transcript');
    await expect(techLog.getByText('Thank you!')).toBeVisible();
    await expect(tech.page.getByTestId('read-state')).toHaveText('Read');
    await snap(customer, 'portal-chat-phone');

    // the customer's line is cut mid-chat
    proxy.cut();
    await expect(customer.getByTestId('reconnecting')).toBeVisible();
    await customerBox.fill('Sent while the line was down');
    await customerBox.press('Enter');
    await expect(customer.locator('[data-pending="true"]')).toHaveCount(1);
    await techBox.fill('Written while you were away');
    await techBox.press('Enter');
    await expect(techLog.getByText('Written while you were away')).toBeVisible();
    await snap(customer, 'portal-chat-cut');
    proxy.restore();

    // back: everything once, in order, nothing pending
    await expect(customer.getByTestId('reconnecting')).toHaveCount(0, { timeout: 20_000 });
    await expect(customer.locator('[data-pending="true"]')).toHaveCount(0);
    await expect(customerLog.getByText('Written while you were away')).toHaveCount(1);
    await expect(customerLog.getByText('Sent while the line was down')).toHaveCount(1);
    await expect(techLog.getByText('Sent while the line was down')).toHaveCount(1);
    const expected = [questionAttack, 'Hello, I am looking at it.', 'Thank you!'];
    const customerBodies = await customerLog.locator('li:not(.from-system) .body').allTextContents();
    expect(customerBodies.slice(0, 3)).toEqual(expected);
    expect(new Set(customerBodies).size, 'no message twice').toBe(customerBodies.length);
    expect(customerBodies.slice(3).sort()).toEqual(
      ['Sent while the line was down', 'Written while you were away'].sort(),
    );
    const customerSeqs = await customerLog
      .locator('li[data-seq]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    expect(customerSeqs, 'in seq order, no gap').toEqual(customerSeqs.map((_, i) => customerSeqs[0]! + i));
    const techBodies = await techLog.getByTestId('message-body').allTextContents();
    expect(techBodies).toEqual(customerBodies);

    // and a slow line still delivers in order
    proxy.delayMs = 300;
    await customerBox.fill('Over a slow line');
    await customerBox.press('Enter');
    await expect(techLog.getByText('Over a slow line')).toHaveCount(1);
    proxy.delayMs = 0;

    // close with an outcome and notes; the customer is told
    await tech.page.getByRole('button', { name: 'Close', exact: true }).click();
    const dialog = tech.page.getByRole('dialog');
    await dialog.getByLabel('Resolved', { exact: true }).check();
    await dialog.getByLabel('Notes').fill('Printer driver reinstalled.');
    await dialog.getByRole('button', { name: 'Close the request' }).click();
    await expect(tech.page.getByTestId('request-status')).toHaveText('Closed');
    await expect(customer.getByText('The technician closed this chat. Thank you!')).toBeVisible();

    // the transcript in Completed, still inert
    await tech.page.goto('/support?view=completed');
    await tech.page.getByTestId('request-row').filter({ hasText: 'Eve' }).click();
    await expect(tech.page.getByText('Printer driver reinstalled.')).toBeVisible();
    await expect(tech.page.getByTestId('transcript').getByTestId('message-body')).toHaveCount(
      customerBodies.length + 1,
    );
    await snap(tech.page, 'transcript');
    expect(await tech.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await customer.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await customerContext.close();
    await tech.context.close();
  } finally {
    await proxy.stop();
  }
});
