import { expect, test, type Browser, type BrowserContext, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { readState } from './server-state.js';
import { invitationLink } from './support/invitation-link.js';
import { screenshots } from './support/screenshots.js';
import { api } from './support/api.js';

const snap = screenshots('support-team-');

/** Records every desktop notification the console makes and every chime it plays. */
async function watchAlerts(context: BrowserContext) {
  await context.grantPermissions(['notifications']);
  await context.addInitScript(() => {
    const w = window as unknown as { __notified: { title: string; body: string }[]; __chimes: number };
    w.__notified = [];
    w.__chimes = 0;
    const Original = window.Notification;
    function Recorded(title: string, options?: NotificationOptions) {
      w.__notified.push({ title, body: options?.body ?? '' });
      return new Original(title, options);
    }
    Object.defineProperty(Recorded, 'permission', { get: () => Original.permission });
    (Recorded as unknown as { requestPermission: typeof Notification.requestPermission }).requestPermission = (
      ...args
    ) => Original.requestPermission(...args);
    (window as unknown as { Notification: unknown }).Notification = Recorded;
    const oscillator = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.__chimes++;
      return oscillator.call(this);
    };
  });
}

async function consoleContext(browser: Browser) {
  const context = await browser.newContext({ baseURL: readState().baseURL, locale: 'en-US' });
  await watchAlerts(context);
  const page = await context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened in the console: ${d.message()}`);
  });
  return { context, page };
}

test('two technicians: a new request chimes and notifies, both accept at once (one wins, the other is told), transfer, close with outcome and notes, the transcript; the portals list and every portal field labelled', async ({
  browser,
}) => {
  // two consoles, a whole chat's life and the portal pages: longer than one page's test
  test.setTimeout(300_000);
  const account = createAccount('Support team');
  const admin = await consoleContext(browser);
  await signInAs(admin.page, account.email, account.password);
  const me = (await (await admin.page.request.get('/api/v1/me')).json()) as { user: { id: string; name: string } };
  await api(admin.page, 'POST', '/api/v1/seats/remoteSupport/assignments', { userId: me.user.id });

  // a technician of the company, invited, with a Remote Support seat
  const techEmail = `team-tech-${Date.now().toString(36)}@example.test`;
  const invited = await api(admin.page, 'POST', '/api/v1/users', {
    email: techEmail,
    name: 'Tess Technician',
    role: 'technician',
    companyIds: [account.companyId],
  });
  await api(admin.page, 'POST', '/api/v1/seats/remoteSupport/assignments', { userId: (invited as { id: string }).id });
  const tess = await consoleContext(browser);
  await tess.page.goto(await invitationLink(admin.page, techEmail));
  await tess.page.getByRole('textbox', { name: 'Password', exact: true }).fill('tess has a long password');
  await tess.page.getByLabel('Confirm password').fill('tess has a long password');
  await tess.page.getByRole('button', { name: 'Choose this password and sign in' }).click();
  await expect(tess.page.getByRole('heading', { level: 1, name: /Welcome, Tess/ })).toBeVisible();

  for (const { page } of [admin, tess]) {
    await page.goto('/support');
    await expect(page.getByRole('heading', { level: 1, name: 'Support requests' })).toBeVisible();
    await expect(page.getByTestId('availability')).toHaveText('You receive new chats');
  }

  // a customer asks: the request appears at once for both, with a chime and a desktop notification
  const portal = (await api(admin.page, 'GET', `/api/v1/companies/${account.companyId}/portal`)) as {
    slug: string;
    path: string;
  };
  const customerName = `Carla Customer ${Date.now().toString(36)}`;
  const asked = await admin.page.request.post(`/api/portal/${portal.slug}/requests`, {
    data: { name: customerName, email: 'carla@example.test', question: 'The scanner does not scan.' },
  });
  expect(asked.status(), await asked.text()).toBe(201);
  const { number } = (await asked.json()) as { number: number };
  expect(((await asked.json()) as { status: string }).status).toBe('waiting');
  for (const { page } of [admin, tess]) {
    await expect(page.getByTestId('request-row').filter({ hasText: customerName })).toBeVisible();
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { __notified: { title: string; body: string }[] }).__notified),
      )
      .toContainEqual({ title: 'New support request', body: expect.stringContaining(customerName) });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __chimes: number }).__chimes))
      .toBeGreaterThan(0);
  }
  expect(await admin.page.evaluate(() => (window as unknown as { __notified: unknown[] }).__notified)).toHaveLength(1);

  // both open it and accept at the same moment: one wins, the other is told who
  for (const { page } of [admin, tess]) {
    await page.getByTestId('request-row').filter({ hasText: customerName }).click();
    await expect(page.getByRole('button', { name: 'Accept' })).toBeVisible();
  }
  // the second click may come after the first one's win has already reached its page live (its Accept
  // button gone): that technician is told at once, instead of by the refusal
  await Promise.allSettled([
    admin.page.getByRole('button', { name: 'Accept' }).click({ timeout: 5_000 }),
    tess.page.getByRole('button', { name: 'Accept' }).click({ timeout: 5_000 }),
  ]);
  const holds = (page: Page) => page.getByLabel('Message', { exact: true }).count();
  await expect.poll(async () => [await holds(admin.page), await holds(tess.page)].sort()).toEqual([0, 1]);
  const adminWon = (await holds(admin.page)) === 1;
  const winner = adminWon ? admin : tess;
  const loser = adminWon ? tess : admin;
  const winnerName = adminWon ? me.user.name : 'Tess Technician';
  const loserName = adminWon ? 'Tess Technician' : me.user.name;
  await expect(winner.page.getByTestId('request-status')).toHaveText('Active');
  await expect(winner.page.getByTestId('accept-refusal')).toHaveCount(0);
  const refusal = loser.page.getByTestId('accept-refusal');
  await expect(
    refusal.or(loser.page.getByText('Only the technician who holds this chat can write in it.')).first(),
  ).toBeVisible();
  if ((await refusal.count()) > 0)
    await expect(refusal).toHaveText(`Too late: ${winnerName} accepted this request first.`);
  await expect(loser.page.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await expect(loser.page.getByText(winnerName, { exact: true }).first()).toBeVisible();
  await snap(loser.page, 'accept-lost');

  // the winner writes, then hands the chat to the other technician
  const winnerBox = winner.page.getByLabel('Message', { exact: true });
  await winnerBox.fill('Let me pass you to my colleague.');
  await winnerBox.press('Enter');
  await expect(winner.page.getByTestId('transcript').getByText('Let me pass you to my colleague.')).toBeVisible();
  await winner.page.getByRole('button', { name: 'Transfer', exact: true }).click();
  const transfer = winner.page.getByRole('dialog');
  await transfer.getByLabel('Technician').click();
  await winner.page.getByRole('option', { name: new RegExp(`^${loserName}`) }).click();
  await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(winner.page.getByText(`Request #${number} was transferred to ${loserName}.`)).toBeVisible();

  // the other technician now holds it: in My requests, chats, closes with an outcome and notes
  await loser.page.goto('/support?view=mine');
  await loser.page.getByTestId('request-row').filter({ hasText: customerName }).click();
  await expect(loser.page.getByTestId('request-status')).toHaveText('Active');
  const loserBox = loser.page.getByLabel('Message', { exact: true });
  await loserBox.fill('Hello, I take over from here.');
  await loserBox.press('Enter');
  const transcript = loser.page.getByTestId('transcript');
  await expect(transcript.getByText('Hello, I take over from here.')).toBeVisible();
  await loser.page.getByRole('button', { name: 'Close', exact: true }).click();
  const closing = loser.page.getByRole('dialog');
  await closing.getByLabel('Unresolved', { exact: true }).check();
  await closing.getByLabel('Notes').fill('Scanner needs a new driver; customer will call back.');
  await closing.getByRole('button', { name: 'Close the request' }).click();
  await expect(loser.page.getByTestId('request-status')).toHaveText('Closed');

  // the transcript on the request, for either technician, in Completed
  await winner.page.goto('/support?view=completed');
  await winner.page.getByTestId('request-row').filter({ hasText: customerName }).click();
  await expect(winner.page.getByText('Scanner needs a new driver; customer will call back.')).toBeVisible();
  const bodies = await winner.page.getByTestId('transcript').getByTestId('message-body').allTextContents();
  expect(bodies.join('\n')).toContain('The scanner does not scan.');
  expect(bodies.join('\n')).toContain('Let me pass you to my colleague.');
  expect(bodies.join('\n')).toContain('Hello, I take over from here.');
  expect(bodies.indexOf('Let me pass you to my colleague.')).toBeLessThan(
    bodies.indexOf('Hello, I take over from here.'),
  );
  await snap(winner.page, 'transcript');

  // the portals list: enabled state and address; every field of the portal's form has a label
  await admin.page.goto('/portals');
  const row = admin.page.getByRole('row').filter({ hasText: portal.path });
  await expect(row.getByText('Enabled', { exact: true })).toBeVisible();
  await expect(row.getByRole('link', { name: `Open ${portal.path} in a new tab` })).toHaveAttribute(
    'href',
    portal.path,
  );
  await snap(admin.page, 'portals-list');
  await admin.page.goto(`/portals/${account.companyId}`);
  // (a switch's label carries its help text too)
  // (a required field's label ends with its asterisk)
  for (const label of [
    /^Portal enabled/,
    /^Address( \*)?$/,
    /^Title( \*)?$/,
    /^Welcome text in English$/,
    /^Language$/,
    /^Phone number$/,
    /^Always open/,
  ]) {
    // (a select's list is labelled by the same label as its input)
    await expect(admin.page.getByLabel(label).first(), String(label)).toBeVisible();
  }
  await admin.page.getByLabel('Welcome text in English', { exact: true }).fill('Hello <b>there</b>');
  await expect(admin.page.getByLabel('Welcome text in English', { exact: true })).toHaveValue('Hello <b>there</b>');
  await admin.page.getByLabel(/^Always open/).uncheck({ force: true });
  for (const label of ['Time zone', 'Monday From', 'Monday To']) {
    await expect(admin.page.getByLabel(label, { exact: true }).first(), label).toBeVisible();
  }
  await admin.page.getByRole('button', { name: 'Add a field' }).click();
  for (const label of [/^Label( \*)?$/, /^Key/, /^Type$/, /^Required$/]) {
    await expect(admin.page.getByTestId('custom-field').getByLabel(label), String(label)).toHaveCount(1);
  }
  await admin.context.close();
  await tess.context.close();
});
