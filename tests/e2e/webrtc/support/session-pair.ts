import { expect, type Browser, type Page } from '@playwright/test';
import { keepRepainting } from '../../../../bench/pages/bare-pair.js';
import { createAccount, signInAs, type E2eAccount } from '../../support/accounts.js';
import { readState } from '../../server-state.js';

/**
 * A remote session through Tandem: a technician (the account's administrator with a Remote Support
 * seat) in the console, a customer on the company's portal, each in their own browser context.
 */

/** The customer's marker: a fixed block of this colour over the left half of their page. */
export const marker = [255, 0, 200] as const;

export const colourDistance = (a: readonly number[] | null, b: readonly number[]) =>
  a ? Math.max(...b.map((value, i) => Math.abs(value - (a[i] ?? 0)))) : Infinity;

export async function api(page: Page, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, data?: unknown) {
  const csrf = ((await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken;
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': csrf } });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

export interface Technician {
  account: E2eAccount;
  page: Page;
  companyName: string;
  portalPath: string;
}

/** A fresh account whose administrator is signed in, seated, with these account settings. */
export async function technician(browser: Browser, label: string, settings: Record<string, unknown>) {
  const account = createAccount(label);
  const context = await browser.newContext({ baseURL: readState().baseURL, locale: 'en-US' });
  const page = await context.newPage();
  await signInAs(page, account.email, account.password);
  const me = (await (await page.request.get('/api/v1/me')).json()) as { user: { id: string } };
  await api(page, 'POST', '/api/v1/seats/remoteSupport/assignments', { userId: me.user.id });
  await api(page, 'PATCH', '/api/v1/settings', { values: settings });
  const company = (await api(page, 'GET', `/api/v1/companies/${account.companyId}`)) as { name: string };
  const portal = (await api(page, 'PATCH', `/api/v1/companies/${account.companyId}/portal`, { language: 'en' })) as {
    path: string;
  };
  return { account, page, companyName: company.name, portalPath: portal.path } satisfies Technician;
}

/** "New session" in the Support workspace: the 9-digit code, then the session view opened. */
export async function newSessionFromSupport(tech: Technician): Promise<{ code: string; sessionId: string }> {
  const { page } = tech;
  await page.goto('/support');
  await page.getByRole('button', { name: 'New session' }).click();
  const dialog = page.getByRole('dialog', { name: 'New remote session' });
  await dialog.getByRole('combobox', { name: /^Company/ }).click();
  await page.getByRole('option', { name: tech.companyName }).click();
  await dialog.getByRole('button', { name: 'Create the session' }).click();
  const codeDialog = page.getByRole('dialog', { name: 'Give this code to the customer' });
  await expect(codeDialog.getByTestId('session-code')).toHaveText(/^\d{3} \d{3} \d{3}$/);
  const code = ((await codeDialog.getByTestId('session-code').textContent()) ?? '').replace(/\s/g, '');
  await codeDialog.getByRole('link', { name: 'Open the session' }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}\/live$/);
  const sessionId = /\/sessions\/([0-9a-f-]{36})\/live/.exec(page.url())?.[1] ?? '';
  return { code, sessionId };
}

/** The customer: the company's portal, "I have a code", the code and a name; the consent step is then shown. */
export async function customerJoins(browser: Browser, tech: Technician, code: string, name: string) {
  const context = await browser.newContext({ baseURL: readState().baseURL, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(tech.portalPath);
  await page.getByRole('button', { name: 'I have a code' }).click();
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('session-consent')).toBeVisible();
  return page;
}

/** The marker over the left half of the customer's page, and a clock repainting (a still tab sends few frames). */
export async function paintMarker(page: Page): Promise<void> {
  await page.evaluate((colour) => {
    const block = document.createElement('div');
    block.id = 'e2e-marker';
    block.style.cssText = `position:fixed;left:0;top:0;width:50vw;height:100vh;z-index:2147483646;pointer-events:none;background:rgb(${colour.join(',')})`;
    document.body.append(block);
  }, marker);
  await keepRepainting(page);
}

/** What the technician's <video> shows: frames decoded, its size, and the colour at (x, y) in 0..1 of the picture. */
export async function videoState(page: Page, x: number, y: number) {
  return page.getByTestId('screen-video').evaluate(
    (video: HTMLVideoElement, [px, py]) => {
      const frames = video.getVideoPlaybackQuality().totalVideoFrames;
      const { videoWidth: width, videoHeight: height } = video;
      let pixel: number[] | null = null;
      if (width > 0 && height > 0) {
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const context = canvas.getContext('2d')!;
        context.drawImage(video, 0, 0);
        pixel = Array.from(context.getImageData(Math.floor(px * width), Math.floor(py * height), 1, 1).data).slice(
          0,
          3,
        );
      }
      return { frames, width, height, pixel };
    },
    [x, y] as const,
  );
}
