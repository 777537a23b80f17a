import { chromium as playwrightChromium, type Browser, type Page } from '@playwright/test';
import { chromium } from '../../playwright.config.js';
import { startAgent, type RunningAgent } from '../../tests/e2e/support/device-agent.js';
import { pagePointOf } from '../../tests/e2e/support/remote-screen.js';
import { cpuSeconds } from '../lib/cpu.js';
import { benchAdmin, startTandemProcess, tempDataDir, type RunningTandem } from '../lib/tandem-process.js';

/**
 * Tandem's path for a device session, as a technician has it: a real server (the built bundle, an
 * embedded database), a real tandem-agent enrolled into its company and running on the given X
 * display, and the console's live session page in headless Chromium with WebRTC removed from the
 * page, so the relay WebSockets carry everything. The page is watched from outside the console's code:
 * every tile drawn on its `remote-screen` canvas is counted (CanvasRenderingContext2D.drawImage,
 * wrapped before the page loads) and the relay socket's bytes are summed (Playwright's WebSocket
 * events).
 */

/** Put into the page before it loads: counts draws on the device's canvas, and can wait for a colour. */
const watchDraws = `{
  const state = { draws: 0, screens: 0, waiting: null };
  window.__deviceScreen = state;
  const copy = document.createElement('canvas');
  copy.width = 1;
  copy.height = 1;
  const copyContext = copy.getContext('2d', { willReadFrequently: true });
  const drawImage = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    const result = drawImage.apply(this, args);
    const canvas = this.canvas;
    if (canvas && canvas.dataset && canvas.dataset.testid === 'remote-screen') {
      state.draws += 1;
      // the share of the screen this tile covers (drawImage(image, x, y, w, h) as the console draws)
      if (args.length === 5 && canvas.width > 0) state.screens += (args[3] * args[4]) / (canvas.width * canvas.height);
      const w = state.waiting;
      if (w) {
        drawImage.call(copyContext, canvas, w.x, w.y, 1, 1, 0, 0, 1, 1);
        const d = copyContext.getImageData(0, 0, 1, 1).data;
        if (w.rgb.every((v, i) => Math.abs(v - d[i]) <= 40)) {
          state.waiting = null;
          w.resolve(performance.now());
        }
      }
    }
    return result;
  };
  state.keyAt = null;
  window.addEventListener('keydown', () => { state.keyAt = performance.now(); }, true);
}`;

export interface DeviceConsole {
  tandem: RunningTandem;
  agent: RunningAgent;
  page: Page;
  /** what the console's canvas drew, relay bytes both ways, Tandem's CPU seconds, over `seconds` */
  measure(seconds: number): Promise<{
    /** tiles drawn */
    draws: number;
    /** whole screens drawn: the tiles' areas added up ÷ the screen's */
    screens: number;
    bytesIn: number;
    bytesOut: number;
    cpu: number;
    elapsed: number;
  }>;
  /**
   * One key pressed in the console over device pixel (x, y): milliseconds from the page's keydown to
   * the first tile drawn that shows `rgb` there.
   */
  keyToPixel(x: number, y: number, rgb: readonly number[], key?: string): Promise<number>;
  close(): Promise<void>;
}

async function api(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown) {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  if (res.status() >= 300) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`);
  return res.json() as Promise<unknown>;
}

/** Starts everything and opens a control session on the device; resolves once its screen shows. */
export async function openDeviceConsole(display: string, screen: { width: number; height: number }) {
  const folder = tempDataDir();
  const tandem = await startTandemProcess({ dataDir: folder.dir });
  let browser: Browser | undefined;
  let agent: RunningAgent | undefined;
  try {
    browser = await playwrightChromium.launch(chromium.launchOptions);
    const context = await browser.newContext({
      baseURL: tandem.baseUrl,
      locale: 'en-US',
      viewport: { width: 1600, height: 1100 },
    });
    const page = await context.newPage();
    await page.addInitScript(watchDraws);
    // no WebRTC in the page (as where a policy turns it off): the agent's offer goes unanswered and
    // the session stays on the relay, the path measured here (on loopback the agent's DataChannel
    // would otherwise connect)
    await page.addInitScript(() => {
      for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCDataChannel'])
        Reflect.deleteProperty(window, name);
    });
    await page.goto('/login');
    await page.getByLabel(/^E-mail/).fill(benchAdmin.email);
    await page.getByLabel(/^Password/).fill(benchAdmin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const me = (await api(page, 'GET', '/api/v1/me')) as { user: { id: string } };
    await api(page, 'POST', '/api/v1/seats/remoteSupport/assignments', { userId: me.user.id });
    await api(page, 'PATCH', '/api/v1/settings', {
      values: { 'sessions.recording': 'off', 'devices.remoteConsent': 'allow' },
    });
    const companies = (await api(page, 'GET', '/api/v1/companies')) as { items: { id: string }[] };
    const company = (await api(page, 'GET', `/api/v1/companies/${companies.items[0]!.id}`)) as { dataKey: string };
    agent = await startAgent({
      baseURL: tandem.baseUrl,
      dataKey: company.dataKey,
      name: 'Bench PC',
      display: { DISPLAY: display },
    });
    // the agent's control socket is up before a session is asked for
    const deadline = Date.now() + 30_000;
    for (;;) {
      const remote = (await api(page, 'GET', `/api/v1/devices/${agent.deviceId}/remote`)) as { connected: boolean };
      if (remote.connected) break;
      if (Date.now() > deadline) throw new Error(`the agent's control socket did not connect:\n${agent.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    const relayBytes = { in: 0, out: 0 };
    page.on('websocket', (ws) => {
      if (!/\/relay(\?|$)/.test(ws.url())) return;
      const size = (payload: string | Buffer) =>
        typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
      ws.on('framereceived', (frame) => (relayBytes.in += size(frame.payload)));
      ws.on('framesent', (frame) => (relayBytes.out += size(frame.payload)));
    });
    const session = (await api(page, 'POST', `/api/v1/devices/${agent.deviceId}/sessions`, { mode: 'control' })) as {
      id: string;
    };
    await page.goto(`/sessions/${session.id}/live`);
    await page.waitForFunction(
      () => ((window as unknown as { __deviceScreen: { draws: number } }).__deviceScreen.draws ?? 0) > 0,
      null,
      {
        timeout: 60_000,
      },
    );
    const transport = await page.getByTestId('remote-transport').getAttribute('data-transport');
    if (transport !== 'relayed') throw new Error(`the session is not relayed (${transport})`);
    type Watched = { __deviceScreen: { draws: number; screens: number } };
    const drawn = () =>
      page.evaluate(() => {
        const { draws, screens } = (window as unknown as Watched).__deviceScreen;
        return { draws, screens };
      });
    let pointedAt = '';
    const started = { browser, agent, folder };
    return {
      tandem,
      agent,
      page,
      async measure(seconds: number) {
        const before = { ...(await drawn()), ...relayBytes, cpu: cpuSeconds(tandem.pid), at: performance.now() };
        await new Promise((r) => setTimeout(r, seconds * 1000));
        const elapsed = (performance.now() - before.at) / 1000;
        const after = await drawn();
        return {
          draws: after.draws - before.draws,
          screens: after.screens - before.screens,
          bytesIn: relayBytes.in - before.in,
          bytesOut: relayBytes.out - before.out,
          cpu: cpuSeconds(tandem.pid) - before.cpu,
          elapsed,
        };
      },
      async keyToPixel(x: number, y: number, rgb: readonly number[], key = 'a') {
        if (pointedAt !== `${x},${y}`) {
          // the device's pointer over the window: with no window manager, X gives it the keys
          const point = await pagePointOf(page, x, y, screen.width, screen.height);
          await page.mouse.click(point.x, point.y);
          pointedAt = `${x},${y}`;
          await page.waitForTimeout(300);
        }
        const shown = page.evaluate(
          ([px, py, colour]) =>
            new Promise<number>((resolve, reject) => {
              const state = (window as unknown as { __deviceScreen: { waiting: unknown } }).__deviceScreen;
              state.waiting = { x: px, y: py, rgb: colour, resolve };
              setTimeout(() => reject(new Error('no tile showed the key within 10 s')), 10_000);
            }),
          [x, y, rgb] as const,
        );
        await page.keyboard.press(key);
        const shownAt = await shown;
        const keyAt = await page.evaluate(
          () => (window as unknown as { __deviceScreen: { keyAt: number } }).__deviceScreen.keyAt,
        );
        return shownAt - keyAt;
      },
      async close() {
        await started.browser.close().catch(() => undefined);
        await started.agent.stop();
        await tandem.stop();
        started.folder.remove();
      },
    } satisfies DeviceConsole;
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await agent?.stop();
    await tandem.stop();
    folder.remove();
    throw error;
  }
}
