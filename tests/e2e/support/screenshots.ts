import type { Page } from '@playwright/test';
import { checkAccessibility } from './accessibility.js';

/**
 * A function saving full-page screenshots as test-results/screenshots/<prefix><name>.png, for people to look at;
 * axe checks each page shown (tests/e2e/support/accessibility.ts).
 */
export function screenshots(prefix: string) {
  return async (page: Page, name: string): Promise<void> => {
    await checkAccessibility(page, `screenshot ${prefix}${name}`);
    await page.screenshot({ path: `test-results/screenshots/${prefix}${name}.png`, fullPage: true });
  };
}
