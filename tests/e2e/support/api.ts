import { expect, type Page } from '@playwright/test';

/** The CSRF token of the page's session, which every console API change must carry. */
export async function csrfOf(page: Page): Promise<string> {
  return ((await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken;
}

/**
 * Calls the console's API as the signed-in page would (its session cookie, its CSRF token). An answer outside 2xx
 * fails the test with the method, the address and the answer. Gives the answer's JSON (null for a 204).
 */
export async function api(
  page: Page,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  data?: unknown,
) {
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': await csrfOf(page) } });
  expect(res.ok(), `${method} ${url}: ${await res.text()}`).toBe(true);
  return res.status() === 204 ? null : res.json();
}
