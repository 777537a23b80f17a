import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readState } from '../server-state.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/**
 * WebAuthn needs a host name (an IP address such as 127.0.0.1 cannot be a relying party ID), and
 * the suite's server is addressed as 127.0.0.1. This starts a second Tandem process on the same
 * database and secret key, whose public address is `http://localhost:<port>`; the passkeys spec
 * drives the console there. Stop it with `stop()`.
 */
export async function startLocalhostServer(): Promise<{ baseURL: string; stop: () => Promise<void> }> {
  const state = readState();
  if (!state.dataDir) throw new Error('the localhost server needs the data folder of the suite’s server');
  const pm = fs.readFileSync(path.join(state.dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
  const password = fs.readFileSync(path.join(state.dataDir, 'postgres-password'), 'utf8').trim();
  const databaseUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pm[3]!.trim()}/tandem`;
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-localhost-'));
  const log = fs.createWriteStream(path.join(repoRoot, 'test-results', 'e2e-localhost-server.log'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TANDEM_DATA_DIR: dataDir,
      TANDEM_SECRET_KEY_FILE: `${state.dataDir}-secret.key`,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      TANDEM_PUBLIC_URL: baseURL,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the localhost server exited (${child.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the localhost server did not start in time');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseURL,
    stop: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
