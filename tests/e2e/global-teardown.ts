import fs from 'node:fs';
import { stateFile, type E2eServerState } from './server-state.js';

const stopTimeoutMs = 30_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const child = globalThis.__tandemE2eServer;
  if (child && child.pid === pid) {
    if (child.exitCode !== null || child.signalCode !== null) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return !alive(pid);
}

export default async function globalTeardown() {
  try {
    await stopServer();
  } finally {
    // after the server: nothing is left to deliver
    await globalThis.__tandemE2eMail?.close();
    globalThis.__tandemE2eMail = undefined;
  }
}

async function stopServer() {
  if (!fs.existsSync(stateFile)) return;
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as E2eServerState;
  if (state.pid && alive(state.pid)) {
    process.kill(state.pid, 'SIGTERM');
    if (!(await waitForExit(state.pid, stopTimeoutMs))) {
      console.warn(
        `[e2e] the server (pid ${state.pid}) did not stop within ${stopTimeoutMs / 1000}s of SIGTERM; killing it`,
      );
      process.kill(state.pid, 'SIGKILL');
      await waitForExit(state.pid, 5_000);
    }
  }
  globalThis.__tandemE2eServer = undefined;
  if (state.dataDir && state.dataDir.includes('tandem-e2e-')) {
    fs.rmSync(state.dataDir, { recursive: true, force: true });
  }
}
