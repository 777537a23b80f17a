import { expect, test, type WebSocketRoute } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';

test('a signed-in console keeps a live socket open, says when it is interrupted, and reconnects by itself', async ({
  page,
}) => {
  const account = createAccount('Live');
  // every live socket goes through this route, so the test can cut it like a failing network
  const routes: WebSocketRoute[] = [];
  let refuse = false;
  await page.routeWebSocket(/\/api\/v1\/live$/, (ws) => {
    if (refuse) return void ws.close({ code: 4000, reason: 'network down' });
    ws.connectToServer();
    routes.push(ws);
  });
  const opened = page.waitForEvent('websocket', (ws) => ws.url().endsWith('/api/v1/live'));
  await signInAs(page, account.email, account.password);
  const socket = await opened;
  const hello = await socket.waitForEvent('framereceived', (frame) => String(frame.payload).includes('"hello"'));
  expect(JSON.parse(String(hello.payload))).toMatchObject({ type: 'hello' });
  expect(routes).toHaveLength(1);

  // the connection drops and new ones fail for a while: the top bar says so
  refuse = true;
  await routes[0]!.close({ code: 4000, reason: 'network down' });
  const badge = page.getByRole('status').filter({ hasText: 'Reconnecting' });
  await expect(badge).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: 'test-results/screenshots/live-interrupted.png' });

  // the network is back: the console reconnects on its own and the badge goes away
  refuse = false;
  await expect.poll(() => routes.length, { timeout: 40_000 }).toBe(2);
  await expect(badge).toHaveCount(0);
});
