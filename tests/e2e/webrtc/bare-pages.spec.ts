import { expect, test } from '@playwright/test';
import { openBarePair, type BarePair } from '../../../bench/pages/bare-pair.js';
import {
  hostIce,
  markerColour,
  relayOnlyIce,
  startBareServer,
  type BareServer,
} from '../../../bench/pages/bare-server.js';
import { screenshots } from '../support/screenshots.js';

/**
 * The screen-sharing code (src/shared/rtc/screen-share.ts) on its own: a sender page sharing its
 * tab and a receiver page, in two browser contexts, signalling through a bare relay. Frames arrive:
 * the receiver decodes them, and the received picture shows the sender's marker where it is drawn.
 */

let server: BareServer;
let pair: BarePair | undefined;
const snap = screenshots('webrtc-bare-');

test.beforeAll(async () => {
  server = await startBareServer();
});
test.afterEach(async () => {
  await pair?.close();
  pair = undefined;
});
test.afterAll(async () => {
  await server?.close();
});

const white = [255, 255, 255];
const distance = (a: readonly number[] | null, b: readonly number[]) =>
  a ? Math.max(...b.map((value, i) => Math.abs(value - (a[i] ?? 0)))) : Infinity;

async function expectFramesWithMarker(current: BarePair) {
  const ms = await current.shareToFirstFrame();
  expect(ms).toBeGreaterThan(0);
  await expect.poll(async () => (await current.stats()).framesDecoded).toBeGreaterThan(0);
  // the marker fills the sender's left half; its right half is white (colours within video coding's error)
  await expect.poll(() => current.samplePixel(0.25, 0.5).then((p) => distance(p, markerColour))).toBeLessThan(40);
  await expect.poll(() => current.samplePixel(0.75, 0.5).then((p) => distance(p, white))).toBeLessThan(40);
  const stats = await current.stats();
  expect(stats.frameWidth).toBeGreaterThan(0);
  expect(stats.bytesReceived).toBeGreaterThan(0);
  return stats;
}

test('frames arrive over host candidates', async ({ browser }) => {
  pair = await openBarePair(browser, server.url, hostIce);
  const stats = await expectFramesWithMarker(pair);
  expect(stats.candidateType).toBe('host');
  await snap(pair.receiver, 'host-receiver');
});

test('frames arrive relay-only through coturn', async ({ browser }) => {
  const ice = relayOnlyIce();
  expect(ice, 'TANDEM_TEST_TURN_URL and TANDEM_TURN_SECRET (scripts/in-netns.sh --turn)').not.toBeNull();
  pair = await openBarePair(browser, server.url, ice!);
  const stats = await expectFramesWithMarker(pair);
  expect(stats.candidateType).toBe('relay');
  await snap(pair.receiver, 'relay-receiver');
});

test('the receiver follows a stop and a new share (the same connection)', async ({ browser }) => {
  pair = await openBarePair(browser, server.url, hostIce);
  await expectFramesWithMarker(pair);
  await pair.sender.click('#stop');
  await expect.poll(() => pair!.receiver.evaluate(() => window.bare.streams)).toEqual(['stream', 'none']);
  // a new stream of a page that now shows green: its frames arrive through the same connection
  const green = [30, 160, 60];
  await pair.sender.evaluate((colour) => {
    document.getElementById('marker')!.style.background = `rgb(${colour.join(',')})`;
  }, green);
  await pair.sender.click('#share');
  await expect.poll(() => pair!.receiver.evaluate(() => window.bare.streams)).toEqual(['stream', 'none', 'stream']);
  await expect.poll(() => pair!.samplePixel(0.25, 0.5).then((p) => distance(p, green))).toBeLessThan(40);
  expect((await pair.stats()).candidateType).toBe('host');
});
