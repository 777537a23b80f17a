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

/** Replaces an object's async methods by ones that await `before()` first and `after()` last; gives back the originals' restorer. */
function runAround(
  target: object,
  names: string[],
  { before, after }: { before?: () => Promise<void>; after?: () => Promise<void> },
): () => void {
  const methods = target as Record<string, Method>;
  const originals = names.map((name) => [name, methods[name]!] as const);
  for (const [name, original] of originals) {
    methods[name] = async (...args: unknown[]) => {
      await before?.();
      const result = await original.apply(target, args);
      await after?.();
      return result;
    };
  }
  return () => {
    for (const [name, original] of originals) methods[name] = original;
  };
}

/** Contexts whose drawn pages are never taken over (their scripts are kept from them on purpose). */
const neverTakenOver = new WeakSet<BrowserContext>();

/** Marks a context whose console scripts are blocked: its loads do not wait for the console to take over. */
export function withoutTakeOver(context: BrowserContext): void {
  neverTakenOver.add(context);
}

/**
 * A signed-in page arrives drawn by the server and stays inert until the console has taken it over
 * (src/server/modules/console-page). Its load event comes before that: what a test read at once
 * would be the drawn page, and a live change made at once could come before the live socket opens.
 * Loads therefore end once the console has taken the page over and its live socket is open.
 */
async function takenOver(page: Page): Promise<void> {
  if (page.isClosed() || neverTakenOver.has(page.context())) return;
  await page
    .waitForFunction(() => !document.querySelector('#root[inert]'), null, { timeout: 15_000, polling: 20 })
    .catch((error: Error) => {
      if (!page.isClosed() && !/closed|navigat|destroyed/i.test(error.message))
        throw new Error(`the console did not take over the page drawn at ${page.url()}`, { cause: error });
    });
  // and, in the signed-in shell, hears of changes: its live socket is open (a few seconds at most:
  // a test of an interrupted socket goes on without it)
  await page
    .waitForFunction(
      () => {
        const shell = document.querySelector('[data-live-status]');
        return !shell || shell.getAttribute('data-live-status') === 'open';
      },
      null,
      { timeout: 5_000, polling: 20 },
    )
    .catch(() => undefined);
}

/**
 * Every browser test's `test`: besides Playwright's own, it runs axe on every page the test visits and fails the
 * test on a serious or critical violation, listing each with its rule, impact, page and elements. A page is
 * checked at each screenshot (tests/e2e/support/screenshots.ts), before it leaves an address it was not checked
 * at (goto, reload, going back or forward, setContent, closing it or its context), and as it is at the end of the
 * test. Pages of contexts the test makes itself (browser.newContext, browser.newPage) are watched the same way.
 * Every load (goto, reload, going back or forward) also ends once the console has taken a drawn page over.
 */
export const test = base.extend<{ takeOver: void; accessibility: void }>({
  takeOver: [
    async ({ browser, context }, use) => {
      const restorers: (() => void)[] = [];
      const seen = new WeakSet<Page>();
      const watchPage = (page: Page) => {
        if (seen.has(page)) return;
        seen.add(page);
        restorers.push(runAround(page, ['goto', 'reload', 'goBack', 'goForward'], { after: () => takenOver(page) }));
      };
      const watchContext = (ctx: BrowserContext) => {
        ctx.pages().forEach(watchPage);
        ctx.on('page', watchPage);
      };
      watchContext(context);
      restorers.push(watchNewContexts(browser, watchContext));
      try {
        await use();
      } finally {
        for (const restore of restorers.reverse()) restore();
      }
    },
    { auto: true },
  ],
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
        const restore = runAround(page, ['goto', 'reload', 'goBack', 'goForward', 'setContent', 'close'], {
          before: () => checkBeforeLeaving(page),
        });
        restorers.push(restore);
      };
      const watchContext = (ctx: BrowserContext) => {
        ctx.pages().forEach(watchPage);
        ctx.on('page', watchPage);
        restorers.push(
          runAround(ctx, ['close'], {
            before: async () => {
              for (const page of ctx.pages()) await checkBeforeLeaving(page);
            },
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
