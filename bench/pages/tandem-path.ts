import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { benchAdmin, repoRoot, startTandemProcess, tempDataDir } from '../lib/tandem-process.js';
import { keepRepainting } from './bare-pair.js';
import type { SharePath } from './share-paths.js';

/**
 * Tandem's path from Share to the technician's screen: a real server (the built bundle, an
 * embedded database), the technician's console session view and the customer's portal session
 * page, each session made as people make it (the code, the customer's name, Allow). The time is
 * from the click on "Share my screen" to the first frame the session view's <video> presents, both
 * read from the pages' clocks as the bare pages do.
 */

async function api(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown) {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string; user: { id: string } };
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  if (res.status() >= 300) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`);
  return res.json();
}

/** In the technician's page: the first frame the session view's <video> presents, on its clock. */
const watchFirstFrame = `{
  window.__firstFrameAt = null;
  const look = () => {
    const video = document.querySelector('[data-testid="screen-video"]');
    if (video && video.srcObject) {
      video.requestVideoFrameCallback(() => { window.__firstFrameAt ??= performance.timeOrigin + performance.now(); });
      return;
    }
    requestAnimationFrame(look);
  };
  look();
}`;

/** In the customer's page: when "Share my screen" is clicked, on its clock. */
const watchShareClick = `{
  window.__shareClickedAt = null;
  document.addEventListener('click', () => { window.__shareClickedAt ??= performance.timeOrigin + performance.now(); }, true);
}`;

export const tandemPath: SharePath = {
  name: 'Tandem (portal and console)',
  async start(browser: Browser) {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-build.ts'], { cwd: repoRoot, stdio: 'ignore' });
    const folder = tempDataDir();
    const tandem = await startTandemProcess({ dataDir: folder.dir });
    const techContext = await browser.newContext({ baseURL: tandem.baseUrl, locale: 'en-US' });
    const tech = await techContext.newPage();
    await tech.goto('/login');
    await tech.getByLabel(/^E-mail/).fill(benchAdmin.email);
    await tech.getByLabel(/^Password/).fill(benchAdmin.password);
    await tech.getByRole('button', { name: 'Sign in', exact: true }).click();
    await tech.waitForURL((url) => !url.pathname.startsWith('/login'));
    const me = (await (await tech.request.get('/api/v1/me')).json()) as { user: { id: string } };
    await api(tech, 'POST', '/api/v1/seats/remoteSupport/assignments', { userId: me.user.id });
    await api(tech, 'PATCH', '/api/v1/settings', { values: { 'sessions.recording': 'off' } });
    const companies = (await api(tech, 'GET', '/api/v1/companies')) as { items: { id: string }[] };
    const companyId = companies.items[0]!.id;
    const portal = (await api(tech, 'GET', `/api/v1/companies/${companyId}/portal`)) as { path: string };

    return {
      async session() {
        const created = (await api(tech, 'POST', '/api/v1/sessions', { companyId })) as { id: string; code: string };
        await tech.goto(`/sessions/${created.id}/live`);
        await tech.evaluate(watchFirstFrame);
        let customerContext: BrowserContext | undefined;
        try {
          customerContext = await browser.newContext({ baseURL: tandem.baseUrl, locale: 'en-GB' });
          const customer = await customerContext.newPage();
          await customer.goto(portal.path);
          await customer.getByRole('button', { name: 'I have a code' }).click();
          await customer.getByLabel('Code', { exact: true }).fill(created.code);
          await customer.getByRole('button', { name: 'Continue' }).click();
          await customer.getByLabel('Your name').fill('Bench Customer');
          await customer.getByRole('button', { name: 'Continue' }).click();
          await customer.getByTestId('session-consent').getByRole('button', { name: 'Allow' }).click();
          const share = customer.getByTestId('session-share').getByRole('button', { name: 'Share my screen' });
          await share.waitFor();
          // the session view watches once the customer consented; its receiver is made just after
          await tech.locator('[data-phase="consented"]').waitFor();
          await tech.waitForTimeout(500);
          await keepRepainting(customer);
          await customer.evaluate(watchShareClick);
          await share.click();
          await tech.waitForFunction(() => (window as { __firstFrameAt?: number | null }).__firstFrameAt, null, {
            timeout: 15_000,
            polling: 10,
          });
          const clicked = await customer.evaluate(() => (window as { __shareClickedAt?: number }).__shareClickedAt);
          const shown = await tech.evaluate(() => (window as { __firstFrameAt?: number }).__firstFrameAt);
          return shown! - clicked!;
        } finally {
          await customerContext?.close();
          await api(tech, 'POST', `/api/v1/sessions/${created.id}/end`, { outcome: 'resolved' }).catch(() => undefined);
        }
      },
      async stop() {
        await techContext.close();
        await tandem.stop();
        folder.remove();
      },
    };
  },
};
