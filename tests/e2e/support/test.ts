import { test as base, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import {
  axeMode,
  checkAccessibility,
  closeAxeRecord,
  describeFindings,
  openAxeRecord,
  reportFindings,
} from './accessibility.js';

export * from '@playwright/test';

type Method = (...args: unknown[]) => Promise<unknown>;

/** Replaces an object's async methods by ones that first await `before()`; gives back the originals' restorer. */
function runBefore(target: object, names: string[], before: () => Promise<void>): () => void {
  const methods = target as Record<string, Method>;
  const originals = names.map((name) => [name, methods[name]!] as const);
  for (const [name, original] of originals) {
    methods[name] = async (...args: unknown[]) => {
      await before();
      return original.apply(target, args);
    };
  }
  return () => {
    for (const [name, original] of originals) methods[name] = original;
  };
}

/**
 * Every browser test's `test`: besides Playwright's own, it runs axe on every page the test visits and fails the
 * test on a serious or critical violation, listing each with its rule, impact, page and elements. A page is
 * checked at each screenshot (tests/e2e/support/screenshots.ts), before it leaves an address it was not checked
 * at (goto, reload, going back or forward, setContent, closing it or its context), and as it is at the end of the
 * test. Pages of contexts the test makes itself (browser.newContext, browser.newPage) are watched the same way.
 */
export const test = base.extend<{ accessibility: void }>({
  accessibility: [
    async ({ browser, context }, use, testInfo) => {
      if (axeMode === 'off') {
        await use();
        return;
      }
      const record = openAxeRecord(testInfo);
      const pages = new Set<Page>();
      const restorers: (() => void)[] = [];
      const check = async (page: Page, label: string) => {
        try {
          await checkAccessibility(page, label);
        } catch (error) {
          // a page that crashed or went away while axe ran: noted, not a violation
          testInfo.annotations.push({ type: 'axe', description: `${page.url()} not checked: ${String(error)}` });
        }
      };
      const checkBeforeLeaving = async (page: Page) => {
        if (record.uncheckedHere(page)) await check(page, 'before leaving it');
      };
      const watchPage = (page: Page) => {
        if (pages.has(page)) return;
        pages.add(page);
        const restore = runBefore(page, ['goto', 'reload', 'goBack', 'goForward', 'setContent', 'close'], () =>
          checkBeforeLeaving(page),
        );
        restorers.push(restore);
      };
      const watchContext = (ctx: BrowserContext) => {
        ctx.pages().forEach(watchPage);
        ctx.on('page', watchPage);
        restorers.push(
          runBefore(ctx, ['close'], async () => {
            for (const page of ctx.pages()) await checkBeforeLeaving(page);
          }),
        );
      };
      watchContext(context);
      restorers.push(watchNewContexts(browser, watchContext));
      try {
        await use();
        if (testInfo.status === 'passed') {
          for (const page of pages)
            if (!page.isClosed() && !(await isEmptyBlank(page))) await check(page, 'at the end of the test');
        }
      } finally {
        for (const restore of restorers) restore();
        closeAxeRecord();
      }
      settle(testInfo, record.findings);
    },
    { auto: true },
  ],
});

/** A page never sent anywhere nor given content (about:blank, an empty body): nothing to check. */
async function isEmptyBlank(page: Page): Promise<boolean> {
  if (page.url() !== 'about:blank') return false;
  return page.evaluate(() => !document.body || document.body.childElementCount === 0).catch(() => true);
}

/** Watches the contexts the test makes itself; gives back the restorer. */
function watchNewContexts(browser: Browser, watchContext: (ctx: BrowserContext) => void): () => void {
  const methods = browser as unknown as Record<'newContext' | 'newPage', Method>;
  const newContext = methods.newContext;
  const newPage = methods.newPage;
  methods.newContext = async (...args: unknown[]) => {
    const ctx = (await newContext.apply(browser, args)) as BrowserContext;
    watchContext(ctx);
    return ctx;
  };
  methods.newPage = async (...args: unknown[]) => {
    const page = (await newPage.apply(browser, args)) as Page;
    watchContext(page.context());
    return page;
  };
  return () => {
    methods.newContext = newContext;
    methods.newPage = newPage;
  };
}

function settle(testInfo: TestInfo, findings: Parameters<typeof describeFindings>[0]): void {
  if (findings.length === 0) return;
  if (axeMode === 'report') {
    reportFindings(testInfo.titlePath.join(' › '), findings);
    return;
  }
  throw new Error(describeFindings(findings));
}
