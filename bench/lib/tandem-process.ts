import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { onServerCore } from './cpu.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface TandemOptions {
  /** an external PostgreSQL database; otherwise an embedded one in `dataDir` */
  databaseUrl?: string;
  /** the data folder (embedded PostgreSQL); a fresh temporary one when not given */
  dataDir?: string;
  env?: Record<string, string>;
  /** the project folder to start it from (default: the repository), e.g. one with another console build */
  root?: string;
}

export interface RunningTandem {
  baseUrl: string;
  pid: number;
  dataDir: string;
  /** milliseconds from spawn to the first 200 on /healthz */
  readyMs: number;
  adminEmail: string;
  adminPassword: string;
  stop(): Promise<void>;
}

export const benchAdmin = { email: 'bench-admin@example.test', password: 'bench password 0123456789' };

/**
 * `BENCH_PROFILE_DIR=folder npm run bench -- --only P1`: each Tandem process the bench starts
 * writes a V8 CPU profile there when it stops (open it in Chrome DevTools or speedscope).
 */
function profileArgs(): string[] {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

/** Builds the server's bundle when its sources changed, as `npm start`'s `prestart` does. */
export function ensureServerBuild(): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-build.ts', 'server'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}

/** A fresh temporary data folder for an embedded database. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
  return {
    dir,
    // the folder and the secret key file Tandem keeps beside it (`<data folder>-secret.key`)
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}-secret.key`, { force: true });
    },
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Tandem exited with ${child.exitCode} before answering /healthz`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('Tandem did not answer /healthz in time');
}

/**
 * Starts Tandem as `npm start` does (`node --enable-source-maps dist/server/main.js`, the bundle
 * `ensureServerBuild` keeps current), pinned to the server core, with a
 * bootstrap administrator; resolves once /healthz answers 200.
 */
export async function startTandemProcess(options: TandemOptions = {}): Promise<RunningTandem> {
  const dataDir = options.dataDir ?? tempDataDir().dir;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    TANDEM_DATA_DIR: dataDir,
    TANDEM_ADMIN_EMAIL: benchAdmin.email,
    TANDEM_ADMIN_PASSWORD: benchAdmin.password,
    TANDEM_ACCOUNT_NAME: 'Bench',
    ...options.env,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const started = performance.now();
  const [command, args] = onServerCore(process.execPath, [
    ...profileArgs(),
    '--enable-source-maps',
    'dist/server/main.js',
  ]);
  const child = spawn(command, args, { cwd: options.root ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  // `BENCH_LOG_DIR=folder`: each Tandem process's log (its standard output) kept there, by pid
  if (process.env.BENCH_LOG_DIR) {
    const folder = path.resolve(process.env.BENCH_LOG_DIR);
    mkdirSync(folder, { recursive: true });
    child.stdout!.pipe(createWriteStream(path.join(folder, `tandem-${child.pid}.log`)));
  }
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Tandem did not start in time:\n${stderr}`)), 120_000);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /Tandem is running at (?:\S+ \(listening on \S+:|http:\/\/[^:\s]+:)(\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`Tandem exited with ${code}:\n${stderr}`)));
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, Date.now() + 30_000);
  const readyMs = performance.now() - started;
  // the pid of node itself (taskset execs it in place)
  return {
    baseUrl,
    pid: child.pid!,
    dataDir,
    readyMs,
    adminEmail: benchAdmin.email,
    adminPassword: benchAdmin.password,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Signs in through the API: the cookie and CSRF token of a session. */
export async function signInSession(
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = /tandem_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  if (!cookie) throw new Error('sign-in gave no session cookie');
  return { cookie: `tandem_session=${cookie}`, csrfToken };
}

/** An API token for the administrator: what load generators send as `Authorization: Bearer`. */
export async function adminToken(tandem: RunningTandem): Promise<string> {
  const session = await signInSession(tandem.baseUrl, tandem.adminEmail, tandem.adminPassword);
  const res = await fetch(`${tandem.baseUrl}/api/v1/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({ name: 'bench' }),
  });
  if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
