import type { Page } from '@playwright/test';

/** A function saving full-page screenshots as test-results/screenshots/<prefix><name>.png, for people to look at. */
export function screenshots(prefix: string) {
  return async (page: Page, name: string): Promise<void> => {
    await page.screenshot({ path: `test-results/screenshots/${prefix}${name}.png`, fullPage: true });
  };
}
