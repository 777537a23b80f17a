import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { ReceiverStats } from '../../src/shared/rtc/screen-share.js';
import type { IceConfig } from './bare-server.js';

/**
 * One bare session: a receiver page and a sender page, each in its own browser context (as a
 * technician and a customer would be), connected through the bare server's relay. The browser needs
 * `--auto-accept-this-tab-capture`: the sender shares its own tab.
 */
export interface BarePair {
  sender: Page;
  receiver: Page;
  /** presses Share; resolves with the time from the press to the first frame shown by the receiver */
  shareToFirstFrame(timeoutMs?: number): Promise<number>;
  stats(): Promise<ReceiverStats>;
  samplePixel(x: number, y: number): Promise<number[] | null>;
  close(): Promise<void>;
}

let rooms = 0;

/**
 * A tab's capture gives a new frame only when the page repaints: a still page shows its first frame
 * late (at the capturer's next refresh). The sharing page of every measured path gets this small
 * clock in its top right corner, repainting at every animation frame, so that paths compare alike.
 */
export async function keepRepainting(page: Page): Promise<void> {
  // a string, not a function: tsx (the bench) would wrap a function's inner names in a helper the page lacks
  await page.evaluate(`{
    const clock = document.createElement('div');
    clock.style.cssText =
      'position:fixed;top:0;right:0;width:96px;height:24px;font:16px monospace;background:#222;color:#fff;z-index:2147483647';
    document.body.append(clock);
    const tick = () => {
      clock.textContent = performance.now().toFixed(0);
      requestAnimationFrame(tick);
    };
    tick();
  }`);
}

export async function openBarePair(browser: Browser, baseUrl: string, ice: IceConfig): Promise<BarePair> {
  const contexts: BrowserContext[] = [await browser.newContext(), await browser.newContext()];
  const [receiverContext, senderContext] = contexts as [BrowserContext, BrowserContext];
  const query = `room=${process.pid}-${++rooms}&ice=${encodeURIComponent(JSON.stringify(ice))}`;
  const receiver = await receiverContext.newPage();
  await receiver.goto(`${baseUrl}/receiver.html?role=receiver&${query}`);
  await receiver.waitForFunction(() => window.bare?.viewers === 1);
  const sender = await senderContext.newPage();
  await sender.goto(`${baseUrl}/sender.html?role=sender&${query}`);
  await sender.waitForFunction(() => window.bare?.viewers === 1);
  await keepRepainting(sender);

  const pageError = async () =>
    (await sender.evaluate(() => window.bare.error)) ?? (await receiver.evaluate(() => window.bare.error));

  return {
    sender,
    receiver,
    async shareToFirstFrame(timeoutMs = 15_000) {
      await sender.click('#share');
      try {
        await receiver.waitForFunction(() => window.bare.firstFrameAt !== null, null, {
          timeout: timeoutMs,
          polling: 10,
        });
      } catch (error) {
        const problem = await pageError();
        throw problem ? new Error(`no frame arrived: ${problem}`) : error;
      }
      const clicked = await sender.evaluate(() => window.bare.shareClickedAt);
      const shown = await receiver.evaluate(() => window.bare.firstFrameAt);
      return shown! - clicked!;
    },
    async stats() {
      const stats = await receiver.evaluate(() => window.bare.stats());
      if (!stats) throw new Error('the receiver page has no stats');
      return stats;
    },
    samplePixel: (x, y) => receiver.evaluate(([px, py]) => window.bare.samplePixel(px, py), [x, y] as const),
    async close() {
      for (const context of contexts) await context.close();
    },
  };
}
