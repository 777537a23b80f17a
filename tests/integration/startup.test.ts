import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-database.js';
import { startTandemProcess as start, urlOf, waitFor } from '../support/tandem-process.js';

describe('starting and stopping Tandem', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('first start on an empty data folder: embedded PostgreSQL, migrations, and a setup token', async () => {
    const running = start({ TANDEM_DATA_DIR: dataDir });
    const base = await urlOf(running);
    expect(running.output()).toMatch(/setup token: [\w-]{32}/);
    // where to enter it: the port bound (PORT=0 here), not the one asked for
    // (logged once the server listens, so it may follow the line above by a moment)
    expect((await waitFor(running, /open (http:\/\/localhost:\d+)\/setup and enter the setup token/))[1]).toBe(
      `http://localhost:${new URL(base).port}`,
    );
    // every background worker of the list, started in order
    expect(running.output()).toContain(
      '"workers":["delivery","alerts","reports","support sweeps","offline sweep","device status sampler","remote sessions","device sessions","script runs","session sweep"]',
    );
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/api/v1/setup`)).json()).toEqual({ required: true });

    // a second Tandem on the same folder refuses instead of corrupting it
    const second = start({ TANDEM_DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by another Tandem \(pid \d+\)/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'tandem.pid'))).toBe(false);
  }, 60_000);

  it('recovers by itself after a crash (kill -9), keeping its data', async () => {
    const first = start({
      TANDEM_DATA_DIR: dataDir,
      TANDEM_ADMIN_EMAIL: 'ops@example.test',
      TANDEM_ADMIN_PASSWORD: 'a long admin password',
      TANDEM_ACCOUNT_NAME: 'Ops Inc',
    });
    await urlOf(first);
    expect(first.output()).toMatch(/"accountName":"Ops Inc","email":"ops@example.test","msg":"first account created/);
    first.child.kill('SIGKILL');
    await first.exited;

    const started = Date.now();
    const again = start({ TANDEM_DATA_DIR: dataDir });
    const base = await urlOf(again);
    const elapsed = Date.now() - started;
    expect(again.output()).not.toContain('setup token');
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ops@example.test', password: 'a long admin password' }),
    });
    expect(login.status).toBe(200);
    expect(elapsed).toBeLessThan(20_000);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 60_000);

  it('stops cleanly on Ctrl-C (the signal reaches the whole foreground process group)', async () => {
    // its own process group, like a terminal's foreground job; Ctrl-C signals the whole group
    const running = start({ TANDEM_DATA_DIR: dataDir }, { detached: true });
    await waitFor(running, /Server listening at/);
    process.kill(-running.child.pid!, 'SIGINT');
    await running.exited;
    await new Promise((r) => setTimeout(r, 500));
    const out = running.output();
    expect(out).toContain('"msg":"stopped"');
    expect(out).not.toContain('exiting now');
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 60_000);

  it('runs on an external PostgreSQL with DATABASE_URL', async () => {
    const database = await createTestDatabase();
    const running = start({ DATABASE_URL: database.url, TANDEM_DATA_DIR: '/nonexistent' });
    const base = await urlOf(running);
    expect(running.output()).toContain('database: external PostgreSQL postgres://***@');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  }, 60_000);

  it('refuses a bad configuration with a readable list of problems', async () => {
    const running = start({ PORT: 'eighty', DATABASE_URL: 'mysql://nope', TANDEM_ADMIN_EMAIL: 'x@example.test' });
    expect(await running.exited).toBe(1);
    const out = running.output();
    expect(out).toContain('the configuration has problems');
    expect(out).toContain('PORT');
    expect(out).not.toMatch(/at .*\.ts:\d+/);
  });
});
