import { expect, test, type Browser, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { invitationLink } from './support/invitation-link.js';
import { screenshots } from './support/screenshots.js';
import { readState } from './server-state.js';
import { api } from './support/api.js';

/** The console's side of remote sessions that needs no WebRTC (the screen itself: tests/e2e/webrtc). */
const snap = screenshots('sessions-console-');

async function consolePage(browser: Browser) {
  const context = await browser.newContext({ baseURL: readState().baseURL, locale: 'en-US' });
  const page = await context.newPage();
  // the console reports answers that do not match the contracts on its console
  const drift: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('unexpected answer shape')) drift.push(message.text());
  });
  return { page, drift };
}

/** The top bar's brand is whole (never clipped to "Tande") and its navigation ends inside the window. */
async function expectTopBarFits(page: Page, width: number) {
  await page.setViewportSize({ width, height: 860 });
  await expect(page.locator('header .brand-link')).toHaveText('Tandem');
  const box = await page.evaluate(() => {
    const brand = document.querySelector('header .brand-link');
    const nav = document.querySelector('header nav');
    if (!brand?.parentElement || !nav) return null;
    const b = brand.getBoundingClientRect();
    return {
      whole: brand.scrollWidth <= brand.clientWidth,
      brandRight: Math.floor(b.right),
      clipRight: Math.ceil(brand.parentElement.getBoundingClientRect().right),
      navLeft: Math.ceil(nav.getBoundingClientRect().left),
      navRight: Math.floor(nav.getBoundingClientRect().right),
      window: document.documentElement.clientWidth,
    };
  });
  expect(box, `top bar at ${width} px`).not.toBeNull();
  expect(box?.whole, `brand whole at ${width} px`).toBe(true);
  expect(box?.brandRight, `brand not clipped at ${width} px`).toBeLessThanOrEqual(box?.clipRight ?? 0);
  expect(box?.brandRight, `brand before the navigation at ${width} px`).toBeLessThanOrEqual(box?.navLeft ?? 0);
  expect(box?.navRight, `navigation inside the window at ${width} px`).toBeLessThanOrEqual(box?.window ?? 0);
}

test('sessions from the console: create from Support (code, link, expiry), the live view waiting and reading, end with an outcome, the list filtered with its CSV, the timeline, a chat turned into a session, a viewer, French', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const account = createAccount('Sessions console');
  const { page, drift } = await consolePage(browser);
  await signInAs(page, account.email, account.password);
  const me = (await (await page.request.get('/api/v1/me')).json()) as { user: { id: string } };
  await api(page, 'POST', '/api/v1/seats/remoteSupport/assignments', { userId: me.user.id });
  await api(page, 'PATCH', '/api/v1/settings', { values: { 'sessions.recording': 'optional' } });
  const company = (await api(page, 'GET', `/api/v1/companies/${account.companyId}`)) as { name: string };

  // --- New session from the Support workspace: the policy that applies, then the code to give
  await page.goto('/support');
  for (const width of [800, 1024, 1280]) await expectTopBarFits(page, width);
  await page.getByRole('button', { name: 'New session' }).click();
  const dialog = page.getByRole('dialog', { name: 'New remote session' });
  await dialog.getByRole('combobox', { name: /^Company/ }).click();
  await page.getByRole('option', { name: company.name }).click();
  await expect(dialog.getByTestId('recording-policy')).toContainText('Your choice');
  await dialog.getByRole('switch', { name: 'Record this session' }).check();
  await snap(page, 'new-session');
  await dialog.getByRole('button', { name: 'Create the session' }).click();
  const codeDialog = page.getByRole('dialog', { name: 'Give this code to the customer' });
  await expect(codeDialog.getByTestId('session-code')).toHaveText(/^\d{3} \d{3} \d{3}$/);
  const code = ((await codeDialog.getByTestId('session-code').textContent()) ?? '').replace(/\s/g, '');
  await expect(codeDialog.getByTestId('session-link')).toContainText(code);
  await expect(codeDialog.getByTestId('session-expiry')).toHaveText(/Valid for (10:00|9:[0-5]\d), once\./);
  await expect(codeDialog.getByRole('button', { name: 'Copy the link' })).toBeVisible();
  await expect(codeDialog).toContainText('This session is recorded.');
  await snap(page, 'code');

  // --- the session view waits for the customer with the code, then follows them to the consent step
  await codeDialog.getByRole('link', { name: 'Open the session' }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}\/live$/);
  const sessionId = /\/sessions\/([0-9a-f-]{36})\/live/.exec(page.url())?.[1] ?? '';
  const phase = page.getByTestId('session-phase');
  await expect(phase).toHaveText(
    `Waiting for the customer to enter the code ${code.replace(/(\d{3})(?=\d)/g, '$1 ')}.`,
  );
  await expect(page.getByTestId('recording-indicator')).toBeVisible();
  await snap(page, 'live-waiting');
  const portal = (await api(page, 'GET', `/api/v1/companies/${account.companyId}/portal`)) as { slug: string };
  const joined = await page.request.post(`/api/portal/${portal.slug}/sessions`, {
    data: { code, name: 'Carl <b>Customer</b>' },
  });
  expect(joined.status(), await joined.text()).toBe(201);
  await expect(phase).toHaveText('The customer is reading the consent request.');
  await expect(page.getByText('Carl <b>Customer</b>').first()).toBeVisible();
  // the chat column: a chat with no message yet says so, no empty bar above the message box
  await expect(page.getByTestId('transcript')).toBeVisible();
  await expect(page.getByTestId('transcript')).toHaveText('No messages yet.');
  await snap(page, 'live-reading');

  // --- End with an outcome and notes
  await page.getByRole('button', { name: 'End session' }).click();
  const end = page.getByRole('dialog', { name: 'End the session' });
  await end.getByRole('radio', { name: 'Unresolved' }).check();
  await end.getByLabel('Notes').fill('Customer had to leave; call back tomorrow.');
  await end.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByText('The session has ended.').first()).toBeVisible();
  await expect(phase).toHaveAttribute('data-phase', 'ended');

  // --- the Sessions list: a filter kept in the address, the CSV following it
  await page.getByRole('button', { name: 'Configure' }).click();
  await page.getByRole('menuitem', { name: 'Sessions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Remote sessions' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Carl <b>Customer</b>' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Outcome' }).click();
  await page.getByRole('option', { name: 'Resolved', exact: true }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/outcome=resolved/);
  await expect(page.getByText('No session matches these filters.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Outcome' }).click();
  await page.getByRole('option', { name: 'Unresolved' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/outcome=unresolved/);
  const row = page.getByRole('row').filter({ hasText: 'Carl <b>Customer</b>' });
  await expect(row).toContainText('Unresolved');
  const csvHref = (await page.getByTestId('sessions-csv').getAttribute('href')) ?? '';
  expect(csvHref).toContain('/api/v1/sessions.csv?');
  expect(csvHref).toContain('outcome=unresolved');
  const csv = await page.request.get(csvHref);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain(sessionId);
  await snap(page, 'list');

  // --- the detail: facts and the timeline, each event worded
  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  const timeline = page.getByTestId('session-timeline');
  await expect(timeline).toContainText('Session created');
  await expect(timeline).toContainText('Customer joined');
  await expect(timeline).toContainText('Session ended');
  await expect(page.getByTestId('session-facts')).toContainText('Customer had to leave; call back tomorrow.');
  await snap(page, 'detail');

  // --- a live chat the technician holds becomes a session
  const asked = await page.request.post(`/api/portal/${portal.slug}/requests`, {
    data: { name: 'Chat Customer', email: 'chat@example.test', question: 'My screen is blue.' },
  });
  expect(asked.status(), await asked.text()).toBe(201);
  const request = (await asked.json()) as { id: string };
  await api(page, 'POST', `/api/v1/support-requests/${request.id}/accept`);
  await page.goto(`/support/${request.id}`);
  await page.getByRole('button', { name: 'Request screen sharing' }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}\/live$/);
  // the live view's own chat column (not the chat page's, which stays on screen while the view loads)
  await expect(page.getByTestId('session-phase')).toHaveText(
    'Waiting for the customer to answer the request in the chat.',
  );
  await expect(page.getByTestId('transcript')).toContainText('My screen is blue.');
  await snap(page, 'live-from-chat');

  // --- a viewer reads the log but starts nothing
  const viewerEmail = `sessions-viewer-${Date.now().toString(36)}@example.test`;
  await api(page, 'POST', '/api/v1/users', {
    email: viewerEmail,
    name: 'Vera Viewer',
    role: 'viewer',
    companyIds: [account.companyId],
  });
  const viewer = await consolePage(browser);
  await viewer.page.goto(await invitationLink(page, viewerEmail));
  await viewer.page.getByRole('textbox', { name: 'Password', exact: true }).fill('vera has a long password');
  await viewer.page.getByLabel('Confirm password').fill('vera has a long password');
  await viewer.page.getByRole('button', { name: 'Choose this password and sign in' }).click();
  await expect(viewer.page.getByRole('heading', { level: 1, name: /Welcome, Vera/ })).toBeVisible();
  await viewer.page.getByRole('button', { name: 'Configure' }).click();
  await viewer.page.getByRole('menuitem', { name: 'Sessions' }).click();
  await expect(viewer.page.getByRole('row').filter({ hasText: 'Carl <b>Customer</b>' })).toBeVisible();
  await expect(viewer.page.getByRole('button', { name: 'New session' })).toHaveCount(0);
  await snap(viewer.page, 'viewer-list');
  await viewer.page.close();

  // --- French: the detail's words and dates
  await page.goto(`/sessions/${sessionId}`);
  await page.getByRole('button', { name: 'Language: English' }).click();
  await page.getByRole('menuitem', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { name: 'Chronologie' })).toBeVisible();
  await expect(timeline).toContainText('Session créée');
  await expect(timeline).toContainText('Session terminée');
  await expect(page.getByTestId('session-facts')).toContainText('Non résolu');
  await snap(page, 'detail-fr');
  await page.goto('/sessions');
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions à distance' })).toBeVisible();
  await snap(page, 'list-fr');
  for (const width of [800, 1024, 1280]) await expectTopBarFits(page, width);

  expect(drift).toEqual([]);
  expect(viewer.drift).toEqual([]);
});
