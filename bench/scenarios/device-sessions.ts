import {
  onPath,
  openFlipWindow,
  openXterm,
  startXvfb,
  xAvailable,
  type XDisplay,
} from '../../tests/e2e/support/x-display.js';
import { measureAgentLoop } from '../pages/agent-loop.js';
import { openDeviceConsole } from '../pages/device-console.js';
import { ratioOf, type Measure, type Scenario } from '../lib/scenario.js';
import { percentile } from '../lib/stats.js';

/**
 * P14 — device sessions (unattended access) at 1280×800 under Xvfb, through Tandem's relay.
 *
 * - Frame rate: a window covering the whole screen (25 lines of text) changes its background
 *   colour every 20 ms, so every capture finds the whole screen changed. Baseline: the agent's own
 *   capture-and-encode loop on that display with no network (`bench/pages/agent-loop.ts`), changed frames per second. Figure: whole
 *   screens drawn per second on the canvas of the console's live session page (the drawn tiles'
 *   areas added up ÷ the screen's: a frame may come as several tiles of at most 64 KiB), headless
 *   Chromium on loopback so the relay WebSockets carry them, the agent enrolled into a real Tandem.
 *   Target ≥ 0.7.
 * - Input to screen: a window that swaps its colours at each key pressed in it; the console clicks
 *   it and presses a key; the time from the page's keydown to the first tile drawn with the new
 *   colour there, p50 and p95 over 30 keys (5 with --smoke). Reported.
 * - Tandem's CPU (process CPU time over the frame-rate window, % of a core) and the bytes relayed
 *   per second (the console's relay socket, both ways) for that one session. Reported.
 *
 * Skipped, with its reason, where Xvfb, xdotool, xsetroot, xwininfo or xterm is missing.
 */
const screen = { width: 1280, height: 800 };
const changeEveryMs = 20;
const flipColours = { background: '#102040', foreground: '#f0d020' } as const;
const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

/**
 * A window over the whole screen: 25 lines of text, its background another colour every
 * `changeEveryMs` (xterm's OSC 11), so that every capture finds the whole screen changed.
 */
function openChangingScreen(display: XDisplay) {
  const pause = (changeEveryMs / 1000).toFixed(3);
  const script =
    'stty -echo; head -c 12000 /dev/urandom | base64 -w 160 | head -n 25; ' +
    `while :; do printf '\\033]11;#%06x\\007' $(( (RANDOM << 9 ^ RANDOM) & 0x7f7f7f )); sleep ${pause}; done`;
  return openXterm(
    display,
    { x: 0, y: 0, columns: 300, rows: 120, background: '#204060', foreground: '#e0e0e0' },
    `changing-screen-${process.pid}`,
    script,
  );
}

export const deviceSessionsScenario: Scenario = {
  id: 'P14',
  title:
    'device session at 1280×800 (Xvfb, relay): frames/s ÷ the agent loop alone, key to screen, Tandem CPU and bytes',
  async run(ctx) {
    if (!xAvailable() || !onPath('xterm')) {
      ctx.log('  skipped: needs Xvfb, xdotool, xsetroot, xwininfo and xterm (.ci/run installs them)');
      return [];
    }
    const seconds = ctx.smoke ? 4 : 20;
    const keys = ctx.smoke ? 5 : 30;
    const display = await startXvfb(screen.width, screen.height);
    try {
      await display.fillRoot('#808080');
      // --- the agent's loop alone, on a screen that changes at every capture
      const changing = await openChangingScreen(display);
      const loop = await measureAgentLoop(display.display, seconds);
      ctx.log(
        `  agent loop alone: ${loop.frames} frames (${loop.tiles} tiles, ${loop.captures} captures) in ${loop.seconds.toFixed(1)} s = ${(loop.frames / loop.seconds).toFixed(1)} frames/s, ${(loop.bytes / loop.seconds / 1024).toFixed(0)} KiB/s encoded`,
      );

      // --- the same screen through Tandem to the console's canvas
      const consolePath = await openDeviceConsole(display.display, screen);
      try {
        await new Promise((r) => setTimeout(r, 1000)); // the first tiles and the quality settling
        const m = await consolePath.measure(seconds);
        await changing.close();
        const fps = m.screens / m.elapsed;
        const loopFps = loop.frames / loop.seconds;
        ctx.log(
          `  through Tandem: ${m.screens.toFixed(1)} screens (${m.draws} tiles) drawn in ${m.elapsed.toFixed(1)} s = ${fps.toFixed(1)} frames/s; relay ${(m.bytesIn / m.elapsed / 1024).toFixed(0)} KiB/s in, ${(m.bytesOut / m.elapsed / 1024).toFixed(1)} KiB/s out; Tandem CPU ${((m.cpu / m.elapsed) * 100).toFixed(1)} % of a core`,
        );

        // --- a key in the console until the changed pixel is drawn there
        const flip = await openFlipWindow(display, { x: 400, y: 250, columns: 60, rows: 16, ...flipColours });
        const spot = { x: flip.geometry.x + flip.geometry.width / 2, y: flip.geometry.y + flip.geometry.height / 2 };
        const samples: number[] = [];
        try {
          // shown first in its own colours; each key swaps them
          for (let i = 0; i < keys + 1; i++) {
            const next = rgb(i % 2 === 0 ? flipColours.foreground : flipColours.background);
            const ms = await consolePath.keyToPixel(Math.round(spot.x), Math.round(spot.y), next);
            if (i > 0) samples.push(ms); // the first key also moves the device's pointer and focus
            await new Promise((r) => setTimeout(r, 100));
          }
        } finally {
          await flip.close();
        }
        const p50 = percentile(samples, 50);
        const p95 = percentile(samples, 95);
        ctx.log(`  key to screen over ${samples.length} keys: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`);

        const reported = (metric: string, figure: number, unit: string): Measure => ({
          metric,
          figure,
          unit,
          baseline: null,
          ratio: null,
          judged: 'none',
          target: { op: '<=', value: 0 },
        });
        return [
          {
            metric: 'frames/s in the console (relay) ÷ the agent loop alone',
            figure: fps,
            unit: 'frames/s',
            baseline: loopFps,
            ratio: ratioOf(fps, loopFps),
            judged: 'ratio',
            target: { op: '>=', value: 0.7 },
          },
          reported('key in the console to the pixel shown, p50', p50, 'ms'),
          reported('key in the console to the pixel shown, p95', p95, 'ms'),
          reported('Tandem CPU per relayed session', (m.cpu / m.elapsed) * 100, '% of a core'),
          reported('bytes relayed per session (both ways)', (m.bytesIn + m.bytesOut) / m.elapsed / 1024, 'KiB/s'),
        ];
      } finally {
        await consolePath.close();
      }
    } finally {
      await display.stop();
    }
  },
};
