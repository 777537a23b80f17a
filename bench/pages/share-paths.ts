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

/** `sessions` sessions on each path, one after the other, after one session to warm up. */
export async function measureSharePaths(sessions: number, log: (line: string) => void): Promise<ShareTimes[]> {
  const browser = await playwrightChromium.launch({
    ...chromium.launchOptions,
    args: [...chromium.launchOptions.args, '--auto-accept-this-tab-capture'],
  });
  try {
    const results: ShareTimes[] = [];
    for (const path of sharePaths) {
      const running = await path.start(browser);
      try {
        await running.session();
        const samples: number[] = [];
        for (let i = 0; i < sessions; i++) samples.push(await running.session());
        const times = { path: path.name, p50: percentile(samples, 50), p95: percentile(samples, 95), samples };
        log(`  ${path.name}: p50 ${times.p50.toFixed(0)} ms, p95 ${times.p95.toFixed(0)} ms over ${sessions} sessions`);
        results.push(times);
      } finally {
        await running.stop();
      }
    }
    return results;
  } finally {
    await browser.close();
  }
}
