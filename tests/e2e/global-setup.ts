import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startMailCatcher } from './support/mail-catcher.js';
import { resultsDir, writeState } from './server-state.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const startTimeoutMs = 180_000;
const tokenPattern = /setup token: ([A-Za-z0-9_-]+)/;

declare global {
  var __tandemE2eServer: ChildProcess | undefined;
  var __tandemE2eMail: { close(): Promise<void> } | undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseURL: string, child: ChildProcess, deadline: number) {
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}) before /healthz answered`);
    try {
      const response = await fetch(`${baseURL}/healthz`);
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET /healthz did not answer 200 in time (last: ${last})`);
}

/** Reads the server's output (pino JSON lines) until the setup token appears. */
function waitForToken(child: ChildProcess, log: fs.WriteStream, deadline: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        fn();
      }
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error('no "setup token: …" line in the server output in time'))),
      Math.max(0, deadline - Date.now()),
    );
    const onLine = (line: string) => {
      log.write(`${line}\n`);
      let text = line;
      try {
        const entry = JSON.parse(line) as { msg?: unknown };
        if (typeof entry.msg === 'string') text = entry.msg;
      } catch {
        // not JSON: search the raw line
      }
      const match = tokenPattern.exec(text);
      if (match) settle(() => resolve(match[1]!));
    };
    // Keep draining both streams for the whole run, or the server would block on a full pipe.
    readline.createInterface({ input: child.stdout! }).on('line', onLine);
    readline.createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code, signal) =>
      settle(() =>
        reject(new Error(`the server exited (code ${code}, signal ${signal}) before printing its setup token`)),
      ),
    );
  });
}

export default async function globalSetup() {
  if (process.env.TANDEM_E2E_BASE_URL && process.env.TANDEM_E2E_SETUP_TOKEN) {
    // A server started by someone else, e.g. while debugging.
    writeState({ baseURL: process.env.TANDEM_E2E_BASE_URL, setupToken: process.env.TANDEM_E2E_SETUP_TOKEN });
    return;
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.rmSync(path.join(resultsDir, 'screenshots'), { recursive: true, force: true });

  if (!process.env.TANDEM_E2E_SKIP_BUILD) {
    for (const app of ['console', 'console-render', 'portal'])
      execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
        cwd: repoRoot,
        stdio: 'inherit',
        env: { ...process.env, TANDEM_APP: app },
      });
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const logFile = path.join(resultsDir, 'e2e-server.log');
  const log = fs.createWriteStream(logFile);
  // a real SMTP server for what Tandem sends: specs read the captured messages
  const mailDir = path.join(resultsDir, 'mail');
  fs.rmSync(mailDir, { recursive: true, force: true });
  const mail = await startMailCatcher(mailDir);
  globalThis.__tandemE2eMail = mail;

  // `tsx` loaded into node itself (same as `npx tsx src/server/main.ts`, minus the wrapper
  // processes) so that SIGTERM reaches the server directly and it can stop its database.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      TANDEM_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      TANDEM_PUBLIC_URL: baseURL,
      SMTP_URL: mail.url,
      // agents heartbeat every 10 s (30 s by default): a stopped agent is seen offline sooner
      TANDEM_AGENT_HEARTBEAT_SECONDS: '10',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  globalThis.__tandemE2eServer = child;
  writeState({ baseURL, setupToken: '', pid: child.pid, dataDir, logFile, mailDir });

  const deadline = Date.now() + startTimeoutMs;
  try {
    const setupToken = await waitForToken(child, log, deadline);
    await waitForHealth(baseURL, child, deadline);
    writeState({ baseURL, setupToken, pid: child.pid, dataDir, logFile, mailDir });
    process.env.TANDEM_E2E_BASE_URL = baseURL;
    process.env.TANDEM_E2E_SETUP_TOKEN = setupToken;
  } catch (error) {
    const { default: teardown } = await import('./global-teardown.js');
    await teardown();
    throw new Error(`The Tandem server did not start: ${(error as Error).message}. See ${logFile}.`);
  }
}
