import os from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';

/**
 * One cold load of a page as a newcomer has it: a new browser context (empty cache, no stored
 * language), the session cookie only, the page opened by its address. "Meaningful content" is the
 * first animation frame in which `#main` holds a visible `h1`, no loader (Mantine's spinner), and,
 * when the page has one, a visible element matching its data marker (its first table row, card...).
 * Times are from the navigation's start (performance.timeOrigin).
 */
export interface ColdLoad {
  /** navigation start to the frame with meaningful content, ms */
  ms: number;
  /**
   * the server's time before that frame: the union of the document's interval (request start to
   * its last byte: a page the server draws arrives with it) and the API requests', ms
   */
  serverMs: number;
  /** API requests made before that frame */
  apiRequests: string[];
  /** the union of its script files' download intervals before that frame, ms */
  scriptDownloadMs: number;
  /** the main thread's script execution up to that frame (Chrome's ScriptDuration): the bundle's evaluation and rendering, ms */
  scriptRunMs: number;
  /** script bytes fetched before that frame (compressed size when compressed) */
  scriptBytes: number;
  /** requests of any kind before that frame, the document included */
  requests: number;
}

/**
 * What the page logs once it shows meaningful content. Heard through the browser's console events:
 * waiting with page.waitForFunction would put Playwright's own script into the page while it loads,
 * about 30 ms of the main thread in the middle of the load being measured.
 */
const meaningfulMessage = 'bench: meaningful content';

/** Put into each page before it loads (a string: the bench's tsx would wrap a function's inner names). */
const watcher = (data: string | null) => `{
  const data = ${JSON.stringify(data)};
  const visible = (el) => {
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const check = () => {
    const main = document.getElementById('main');
    const ready =
      main &&
      visible(main.querySelector('h1')) &&
      !main.querySelector('.mantine-Loader-root') &&
      (!data || visible(main.querySelector(data)));
    if (ready) {
      window.__meaningfulAt = performance.now();
      console.debug(${JSON.stringify(meaningfulMessage)});
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}`;

/** Read in the page once it shows meaningful content: its resource timings up to then. */
const collect = `(() => {
  const at = window.__meaningfulAt;
  const entries = performance.getEntriesByType('resource').filter((e) => e.startTime < at);
  const union = (list) => {
    const spans = list.map((e) => [e.startTime, Math.min(e.responseEnd || at, at)]).sort((a, b) => a[0] - b[0]);
    let total = 0, end = -1;
    for (const [s, e] of spans) {
      if (e <= end) continue;
      total += e - Math.max(s, end);
      end = e;
    }
    return total;
  };
  const nav = performance.getEntriesByType('navigation')[0];
  const documentSpan = { startTime: nav.requestStart, responseEnd: nav.responseEnd };
  const api = entries.filter((e) => new URL(e.name).pathname.startsWith('/api/'));
  const scripts = entries.filter((e) => new URL(e.name).pathname.endsWith('.js'));
  return {
    at,
    serverMs: union([documentSpan, ...api]),
    apiRequests: api.map((e) => new URL(e.name).pathname + new URL(e.name).search),
    scriptDownloadMs: union(scripts),
    scriptBytes: scripts.reduce((sum, e) => sum + (e.encodedBodySize || 0), 0),
    requests: entries.length + 1,
  };
})()`;

interface Collected {
  at: number;
  serverMs: number;
  apiRequests: string[];
  scriptDownloadMs: number;
  scriptBytes: number;
  requests: number;
}

export async function coldLoad(
  browser: Browser,
  url: string,
  options: { cookie?: { name: string; value: string }; data: string | null; timeoutMs?: number },
): Promise<ColdLoad> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  try {
    // the server's origin, not the page's address: a cookie set for `/devices/:id` would have the path
    // `/devices` and never reach `/api/…` (the page would load signed out)
    if (options.cookie) await context.addCookies([{ ...options.cookie, url: new URL(url).origin }]);
    const page = await context.newPage();
    await page.addInitScript(watcher(options.data));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const meaningful = page.waitForEvent('console', {
      predicate: (message) => message.text() === meaningfulMessage,
      timeout: options.timeoutMs ?? 30_000,
    });
    meaningful.catch(() => undefined); // awaited below, unless the navigation itself fails
    await page.goto(url, { waitUntil: 'commit' });
    try {
      await meaningful;
    } catch (error) {
      const shot = path.join(os.tmpdir(), `p16-${new URL(url).pathname.replace(/\W+/g, '-')}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      throw new Error(`${url} showed no meaningful content (its screen: ${shot})`, { cause: error });
    }
    const { metrics } = await cdp.send('Performance.getMetrics');
    const scriptSeconds = metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
    const c = (await page.evaluate(collect)) as Collected;
    return {
      ms: c.at,
      serverMs: c.serverMs,
      apiRequests: c.apiRequests,
      scriptDownloadMs: c.scriptDownloadMs,
      scriptRunMs: scriptSeconds * 1000,
      scriptBytes: c.scriptBytes,
      requests: c.requests,
    };
  } finally {
    await context.close();
  }
}
