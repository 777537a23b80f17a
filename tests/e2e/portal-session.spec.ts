import { chromium as chromiumType, expect, test, type Browser, type Page } from './support/test.js';
import { chromium } from '../../playwright.config.js';
import { createAccount, signInAs, type E2eAccount } from './support/accounts.js';
import { readState } from './server-state.js';
import { screenshots } from './support/screenshots.js';
import { api } from './support/api.js';

/**
 * The customer's side of remote-support sessions, for what needs no WebRTC: the code form and its
 * errors, the join link and the account's join page, the consent step's texts in English and
 * French, the session view on a phone whose browser cannot share its screen. (Frames arriving
 * are proven by the WebRTC specs, which run in a network namespace.)
 */
const snap = screenshots('portal-session-');

interface Technician {
  page: Page;
  portal: { slug: string; path: string };
  /** a new session for the account's company: its code and the path of its join link */
  newSession: (recorded?: boolean) => Promise<{ code: string; joinPath: string }>;
}

/** The account's administrator, with a Remote Support seat, who creates sessions through the API. */
async function technician(browser: Browser, account: E2eAccount, language: 'en' | 'fr'): Promise<Technician> {
  const context = await browser.newContext({ baseURL: readState().baseURL });
  const page = await context.newPage();
  await signInAs(page, account.email, account.password);
  const me = (await (await page.request.get('/api/v1/me')).json()) as { user: { id: string } };
  await api(page, 'POST', '/api/v1/seats/remoteSupport/assignments', { userId: me.user.id });
  const portal = (await api(page, 'PATCH', `/api/v1/companies/${account.companyId}/portal`, { language })) as {
    slug: string;
    path: string;
  };
  const newSession = async (recorded?: boolean) => {
    const created = (await api(page, 'POST', '/api/v1/sessions', {
      companyId: account.companyId,
      ...(recorded === undefined ? {} : { recorded }),
    })) as { code: string; joinUrl: string };
    expect(created.code).toMatch(/^\d{9}$/);
    const link = new URL(created.joinUrl);
    return { code: created.code, joinPath: `${link.pathname}${link.search}` };
  };
  return { page, portal, newSession };
}

/** A code that is not the session's (the first digit changed). */
const wrongCode = (code: string) => `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;
const grouped = (code: string) => `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`;

test('English portal: "I have a code", the code form’s errors on its field, the name asked, the consent step, allow, a reload back in the session, end', async ({
  browser,
}) => {
  const account = createAccount('Portal session');
  const tech = await technician(browser, account, 'en');
  const { code } = await tech.newSession(true);

  const context = await browser.newContext({ baseURL: readState().baseURL, locale: 'en-GB' });
  const customer = await context.newPage();
  await customer.goto(tech.portal.path);
  await expect(customer.getByRole('heading', { level: 1, name: 'Ask a question' })).toBeVisible();
  await snap(customer, 'question-form-en');
  await customer.getByRole('button', { name: 'I have a code' }).click();
  await expect(customer.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  const field = customer.getByLabel('Code', { exact: true });

  // too short: said on the field, nothing sent
  await field.fill('12345');
  await expect(field).toHaveValue('123 45');
  await customer.getByRole('button', { name: 'Continue' }).click();
  await expect(customer.getByTestId('code-form').locator('.field.has-error .error')).toHaveText(
    'Enter the 9 digits of the code.',
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await snap(customer, 'code-short-en');

  // a code nobody issued (typed with dashes): the server's 404 in plain words, on the field
  await field.fill(wrongCode(code).replace(/(\d{3})(?=\d)/g, '$1-'));
  await expect(field).toHaveValue(grouped(wrongCode(code)));
  await customer.getByRole('button', { name: 'Continue' }).click();
  await expect(customer.getByText('This code is not valid or has expired.')).toBeVisible();
  await snap(customer, 'code-unknown-en');

  // the right code: the session has no chat yet, so the server asks for the name, shown on its field
  await field.fill(code);
  await customer.getByRole('button', { name: 'Continue' }).click();
  const name = customer.getByLabel('Your name');
  await expect(name).toBeVisible();
  await expect(customer.getByText('This field is required.')).toBeVisible();
  await snap(customer, 'code-name-en');
  await name.fill('Zoé <b>Martin</b>');
  await customer.getByRole('button', { name: 'Continue' }).click();

  // consent: who, for which company, recorded
  const consent = customer.getByTestId('session-consent');
  await expect(consent.getByRole('heading', { name: 'Screen sharing' })).toBeVisible();
  await expect(consent.getByTestId('consent-who')).toHaveText(
    /^Portal session Admin from .+ asks to see your screen\.$/,
  );
  await expect(consent.getByTestId('consent-recording')).toHaveText('This session is recorded.');
  await expect(customer.getByTestId('session-chat')).toBeVisible();
  await snap(customer, 'consent-en');

  await consent.getByRole('button', { name: 'Allow' }).click();
  const share = customer.getByTestId('session-share');
  await expect(share.getByRole('button', { name: 'Share my screen' })).toBeVisible();
  await expect(customer.getByTestId('recording-banner')).toHaveText('This session is recorded');
  await snap(customer, 'share-en');

  // a reload comes back to the session, not to the question form
  await customer.reload();
  await expect(customer.getByTestId('session-share').getByRole('button', { name: /^Share my screen/ })).toBeVisible();
  await expect(customer.getByRole('heading', { name: 'Ask a question' })).toHaveCount(0);

  await customer.getByRole('button', { name: 'End session' }).click();
  await expect(customer.getByTestId('session-over')).toContainText('The session has ended. The chat continues below.');
  await expect(customer.getByTestId('recording-banner')).toHaveCount(0);
  await snap(customer, 'ended-en');
  await context.close();
});

test('French: the join link fills the code in, a phone that cannot share says so and keeps the chat; the account’s join page continues on the company’s portal', async ({
  browser,
}) => {
  const account = createAccount('Session fr');
  const tech = await technician(browser, account, 'fr');

  // a phone whose browser has no screen capture
  const phone = await browser.newContext({
    baseURL: readState().baseURL,
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
    locale: 'fr-FR',
  });
  await phone.addInitScript(() => {
    Object.defineProperty(MediaDevices.prototype, 'getDisplayMedia', { value: undefined, configurable: true });
  });
  const customer = await phone.newPage();
  const first = await tech.newSession(false);
  await customer.goto(first.joinPath);
  await expect(customer.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(customer.getByRole('heading', { level: 1, name: 'Saisissez votre code' })).toBeVisible();
  await expect(customer.getByLabel('Code', { exact: true })).toHaveValue(grouped(first.code));
  await customer.getByRole('button', { name: 'Continuer' }).click();
  await expect(customer.getByText('Ce champ est obligatoire.')).toBeVisible();
  await customer.getByLabel('Votre nom').fill('Zoé Martin');
  await snap(customer, 'code-phone-fr');
  await customer.getByRole('button', { name: 'Continuer' }).click();
  const unsupported = customer.getByTestId('session-unsupported');
  await expect(unsupported).toContainText('Ce navigateur ne peut pas partager son écran. La discussion continue');
  await expect(unsupported).toContainText('demande à voir votre écran.');
  await expect(customer.getByRole('button', { name: 'Partager mon écran' })).toHaveCount(0);
  await expect(customer.getByLabel('Message')).toBeVisible();
  // an empty chat says where to write rather than showing a blank box
  await expect(customer.getByTestId('conversation')).toContainText('Aucun message pour l’instant.');
  // nothing wider than the phone
  expect(await customer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await snap(customer, 'phone-unsupported-fr');
  await phone.close();

  // the account's join page, in the browser's language (French), then the company's portal in French
  const desktop = await browser.newContext({ baseURL: readState().baseURL, locale: 'fr-FR' });
  const visitor = await desktop.newPage();
  const second = await tech.newSession(false);
  await visitor.goto('/join');
  await expect(visitor.getByRole('heading', { level: 1, name: 'Saisissez votre code' })).toBeVisible();
  await visitor.getByLabel('Code', { exact: true }).fill('000000000');
  await visitor.getByRole('button', { name: 'Continuer' }).click();
  await expect(visitor.getByText('Ce code n’est pas valide ou a expiré.')).toBeVisible();
  await snap(visitor, 'join-unknown-fr');
  await visitor.getByLabel('Code', { exact: true }).fill(second.code);
  await visitor.getByRole('button', { name: 'Continuer' }).click();
  await visitor.getByLabel('Votre nom').fill('Zoé Martin');
  await visitor.getByRole('button', { name: 'Continuer' }).click();
  await visitor.waitForURL(new RegExp(`${tech.portal.path}$`));
  const consent = visitor.getByTestId('session-consent');
  await expect(consent.getByRole('heading', { name: 'Partage d’écran' })).toBeVisible();
  await expect(consent.getByTestId('consent-who')).toHaveText(/^Session fr Admin de .+ demande à voir votre écran\.$/);
  await expect(consent.getByTestId('consent-recording')).toHaveText('Cette session n’est pas enregistrée.');
  await expect(consent.getByRole('button', { name: 'Autoriser' })).toBeVisible();
  await snap(visitor, 'consent-fr');
  await consent.getByRole('button', { name: 'Refuser' }).click();
  await expect(visitor.getByTestId('session-over')).toContainText('Vous avez refusé le partage d’écran.');
  await snap(visitor, 'declined-fr');
  await desktop.close();
});

test('a live chat becomes a session: the technician asks to see the screen, the chat shows the invitation, View opens the consent step', async ({
  browser,
}) => {
  const account = createAccount('Escalated');
  const tech = await technician(browser, account, 'en');
  // on the Support workspace, the technician is available for live chats
  await tech.page.goto('/support');
  await expect(tech.page.getByTestId('availability')).toHaveText('You receive new chats');

  const context = await browser.newContext({ baseURL: readState().baseURL, locale: 'en-GB' });
  const customer = await context.newPage();
  await customer.goto(tech.portal.path);
  await customer.getByLabel(/^Your name/).fill('Sam Doe');
  await customer.getByLabel(/^Your e-mail address/).fill('sam@example.test');
  await customer.getByLabel(/^Your question/).fill('My screen shows an error.');
  await customer.getByRole('button', { name: 'Send' }).click();
  await expect(customer.getByTestId('waiting-view')).toBeVisible();

  const list = (await api(tech.page, 'GET', '/api/v1/support-requests')) as {
    items: { id: string; customer: { name: string } }[];
  };
  const request = list.items.find((r) => r.customer.name === 'Sam Doe');
  expect(request).toBeDefined();
  await api(tech.page, 'POST', `/api/v1/support-requests/${request!.id}/accept`);
  await expect(customer.getByTestId('chat-view')).toBeVisible();
  await expect(customer.getByTestId('session-invitation')).toHaveCount(0);

  await api(tech.page, 'POST', '/api/v1/sessions', { companyId: account.companyId, requestId: request!.id });
  const invitation = customer.getByTestId('session-invitation');
  await expect(invitation).toContainText('Escalated Admin asks to see your screen.');
  await expect(invitation.getByRole('button', { name: 'Decline' })).toBeVisible();
  await snap(customer, 'invitation-en');
  await invitation.getByRole('button', { name: 'View' }).click();
  const consent = customer.getByTestId('session-consent');
  await expect(consent.getByTestId('consent-who')).toHaveText(/^Escalated Admin from .+ asks to see your screen\.$/);
  // the same chat goes on beside it
  await expect(customer.getByTestId('session-chat').getByText('My screen shows an error.')).toBeVisible();
  await snap(customer, 'invitation-consent-en');
  await context.close();
});

test('sharing this tab (no network needed): Share my screen, the watching banner from the technician’s socket, the offer relayed to it, Stop sharing, a reload offers to share again', async ({
  browser,
}) => {
  const account = createAccount('Sharing');
  const tech = await technician(browser, account, 'en');
  const created = (await api(tech.page, 'POST', '/api/v1/sessions', { companyId: account.companyId })) as {
    id: string;
    joinUrl: string;
  };
  // the technician's live socket keeps what it receives; it watches the session once the customer is in
  await tech.page.goto('/');
  await tech.page.evaluate(async () => {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/api/v1/live`);
    const seen: unknown[] = [];
    Object.assign(window, { seen, live: socket });
    await new Promise<void>((resolve) => {
      socket.onmessage = (event) => {
        const frame = JSON.parse(String(event.data)) as { type: string };
        seen.push(frame);
        if (frame.type === 'hello') resolve();
      };
    });
  });
  const watch = () =>
    tech.page.evaluate((sessionId) => {
      (window as unknown as { live: WebSocket }).live.send(JSON.stringify({ type: 'session.watch', sessionId }));
    }, created.id);

  // a browser that captures its own tab when asked (automated: no one to pick a screen)
  const sharing = await chromiumType.launch({
    ...chromium.launchOptions,
    args: [...chromium.launchOptions.args, '--auto-accept-this-tab-capture'],
  });
  try {
    const context = await sharing.newContext({ baseURL: readState().baseURL, locale: 'en-GB' });
    const customer = await context.newPage();
    const link = new URL(created.joinUrl);
    await customer.goto(`${link.pathname}${link.search}`);
    await customer.getByRole('button', { name: 'Continue' }).click();
    await customer.getByLabel('Your name').fill('Sam Doe');
    await customer.getByRole('button', { name: 'Continue' }).click();
    await customer.getByTestId('session-consent').getByRole('button', { name: 'Allow' }).click();
    await watch();
    await customer.getByRole('button', { name: 'Share my screen' }).click();
    await expect(customer.getByTestId('share-state')).toHaveText('You are sharing your screen.');
    await expect(customer.getByTestId('watching-banner')).toHaveText('Sharing Admin is watching your screen');
    await snap(customer, 'sharing-en');
    // the page offered its screen to the watching socket, through the session socket and the server
    await expect
      .poll(() =>
        tech.page.evaluate(() =>
          (window as unknown as { seen: { type: string; signal?: { description?: { type: string } } }[] }).seen.some(
            (f) => f.type === 'session.signal' && f.signal?.description?.type === 'offer',
          ),
        ),
      )
      .toBe(true);

    await customer.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(customer.getByTestId('share-state')).toHaveText('Your screen is not shared.');
    await expect(customer.getByTestId('watching-banner')).toHaveCount(0);

    await customer.getByRole('button', { name: 'Share my screen' }).click();
    await expect(customer.getByTestId('share-state')).toHaveText('You are sharing your screen.');
    await customer.reload();
    await expect(customer.getByRole('button', { name: 'Share my screen again' })).toBeVisible();
    await expect(customer.getByTestId('share-state')).toHaveText(
      'The page was reloaded: your screen is no longer shared.',
    );
    await snap(customer, 'share-again-en');
  } finally {
    await sharing.close();
  }
});
