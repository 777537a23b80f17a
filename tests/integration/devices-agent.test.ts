import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { sweepOfflineDevices } from '../../src/server/modules/devices/index.js';
import { anAccount } from '../support/builders/index.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { dataKeyOf } from './devices-support.js';

/** The real tandem-agent process against a Tandem listening on a free port, heartbeats every second. */
const { app, database } = await createTestApp({ TANDEM_AGENT_HEARTBEAT_SECONDS: '1' });
await app.listen({ port: 0, host: '127.0.0.1' });
const server = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const account = await anAccount(database.db, { name: 'Agent', companies: 1 });
const admin = await signIn(app, account.admin.email);
const folder = mkdtempSync(path.join(os.tmpdir(), 'tandem-agent-'));
const credentialFile = path.join(folder, 'nested', 'credential.json');
const tsx = path.resolve('node_modules/.bin/tsx');
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

function agent(args: string[]) {
  const child = spawn(tsx, ['src/agent/main.ts', ...args, '--credential', credentialFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const devicesList = async () =>
  (await call(app, admin, { method: 'GET', url: '/api/v1/devices' })).json().items as {
    id: string;
    name: string;
    status: string;
    hostname: string;
  }[];

describe('the tandem-agent process', () => {
  it('enrols, stores its credential owner-only, appears online, is stopped and turns offline', async () => {
    const key = await dataKeyOf(database.db, account.companyIds[0]);
    const enrol = agent(['enroll', '--server', server, '--key', key, '--name', 'Agent under test']);
    expect(await enrol.exited, enrol.output()).toBe(0);
    expect(statSync(credentialFile).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(credentialFile, 'utf8'));
    expect(stored).toEqual({
      server,
      deviceId: expect.any(String),
      credential: expect.stringMatching(/^tdc_/),
      // the server's grant key, pinned at enrolment
      grantKey: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(JSON.stringify(stored)).not.toContain(key);

    // two missed heartbeats of one second make it offline
    await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${account.companyIds[0]}/settings`,
      payload: { values: { 'devices.offlineAfterMissedHeartbeats': 2 } },
    });
    const run = agent(['run']);
    await until('the first report of the running agent', async () => run.output().includes('inventory sent'));
    const device = await until('the device online with its inventory', async () =>
      (await devicesList()).find(
        (d) => d.id === stored.deviceId && d.status === 'online' && d.hostname === os.hostname(),
      ),
    );
    expect(device.name).toBe('Agent under test');
    const detail = (await call(app, admin, { method: 'GET', url: `/api/v1/devices/${device.id}` })).json();
    expect(detail.hardware.cpu.cores).toBeGreaterThan(0);
    expect(detail.agentVersion).toBe('1.0.0');
    // heartbeats keep it online across sweeps
    await new Promise((r) => setTimeout(r, 2500));
    await sweepOfflineDevices(database.db, { now: new Date(), heartbeatSeconds: 1 });
    expect((await devicesList()).find((d) => d.id === device.id)?.status, run.output()).toBe('online');

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('stopped');
    await new Promise((r) => setTimeout(r, 2500));
    expect(await sweepOfflineDevices(database.db, { now: new Date(), heartbeatSeconds: 1 })).toBeGreaterThanOrEqual(1);
    expect((await devicesList()).find((d) => d.id === device.id)?.status).toBe('offline');
  }, 60_000);

  it('refuses to enrol with a wrong key, saying why, and stores nothing', async () => {
    const bad = agent([
      'enroll',
      '--server',
      server,
      '--key',
      'tdk_wrong',
      '--credential',
      path.join(folder, 'other.json'),
    ]);
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('data key is not valid');
  }, 30_000);
});
