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
