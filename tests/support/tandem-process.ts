import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';

/**
 * Runs what `npm start` runs — the server's bundle, `node dist/server/main.js`, built first by
 * `scripts/ensure-build.ts` (npm's `prestart`) — as a real process, as an operator would.
 * Importing this file builds the bundle before the file's tests and stops leftovers after them.
 */
export const serverArgs = ['--enable-source-maps', 'dist/server/main.js'];
beforeAll(() => {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-build.ts', 'server'], { stdio: 'ignore' });
}, 120_000);

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
// stop leftovers cleanly (a killed Tandem would leave its PostgreSQL running)
afterAll(async () => {
  for (const child of children.filter((c) => c.exitCode === null && c.signalCode === null)) {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
    child.kill('SIGKILL');
  }
});

/** Starts Tandem with `env` over the test's environment (without its DATABASE_URL), on a free port. */
export function startTandemProcess(env: Record<string, string>, { detached = false } = {}): Running {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const child = spawn(process.execPath, serverArgs, {
    env: { ...base, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

export async function waitFor(running: Running, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const match = running.output().match(pattern);
    if (match) return match;
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; output:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The address the process listens on, once it does. */
export const urlOf = async (running: Running) =>
  (await waitFor(running, /Server listening at (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
