import { chromium as playwrightChromium, type Browser } from '@playwright/test';
import { chromium } from '../../playwright.config.js';
import { percentile } from '../lib/stats.js';
import { openBarePair } from './bare-pair.js';
import { hostIce, startBareServer } from './bare-server.js';
import { tandemPath } from './tandem-path.js';

/**
 * A way from a customer's "Share" to a technician's screen. The bare path is the reference: the
 * same WebRTC code on two pages with a bare relay between them. Tandem's path (the portal's session
 * page and the console's session view, through the real server: tandem-path.ts) is the second
 * entry of `sharePaths`, judged against it.
 */
export interface SharePath {
  name: string;
  /** the pages' server and whatever they need (started once for all sessions) */
  start(browser: Browser): Promise<{
    /** one new session, both pages open and watching: the time from Share to the first frame shown */
    session(): Promise<number>;
    stop(): Promise<void>;
  }>;
}

export const barePath: SharePath = {
  name: 'bare pages',
  async start(browser) {
    const server = await startBareServer();
    return {
      async session() {
        const pair = await openBarePair(browser, server.url, hostIce);
        try {
          return await pair.shareToFirstFrame();
        } finally {
          await pair.close();
        }
      },
      stop: () => server.close(),
    };
  },
};

/** The reference first, then the judged path. */
export const sharePaths: SharePath[] = [barePath, tandemPath];

export interface ShareTimes {
  path: string;
  p50: number;
  p95: number;
  samples: number[];
}

/**
 * `sessions` sessions on each path after one to warm each up, the paths taking turns session by
 * session: a change in the machine's load weighs on every path alike.
 */
export async function measureSharePaths(sessions: number, log: (line: string) => void): Promise<ShareTimes[]> {
  const browser = await playwrightChromium.launch({
    ...chromium.launchOptions,
    args: [...chromium.launchOptions.args, '--auto-accept-this-tab-capture'],
  });
  const running: Awaited<ReturnType<SharePath['start']>>[] = [];
  try {
    for (const path of sharePaths) running.push(await path.start(browser));
    for (const path of running) await path.session();
    const samples: number[][] = sharePaths.map(() => []);
    for (let i = 0; i < sessions; i++)
      for (const [index, path] of running.entries()) samples[index]!.push(await path.session());
    return sharePaths.map((path, index) => {
      const taken = samples[index]!;
      const times = { path: path.name, p50: percentile(taken, 50), p95: percentile(taken, 95), samples: taken };
      log(`  ${path.name}: p50 ${times.p50.toFixed(0)} ms, p95 ${times.p95.toFixed(0)} ms over ${sessions} sessions`);
      return times;
    });
  } finally {
    for (const path of running) await path.stop().catch(() => undefined);
    await browser.close();
  }
}
