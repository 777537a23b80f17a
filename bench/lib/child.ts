import { execFile, spawn } from 'node:child_process';
import readline from 'node:readline';
import { onServerCore } from './cpu.js';
import { repoRoot } from './tandem-process.js';

/** Runs a bench TypeScript file on the server core and returns the JSON it prints last. */
export function runOnServerCore<T>(file: string, args: string[]): Promise<T> {
  const [command, argv] = onServerCore(process.execPath, ['--import', 'tsx', file, ...args]);
  return new Promise((resolve, reject) => {
    execFile(command, argv, { cwd: repoRoot, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${file} failed: ${stderr || err.message}`));
      const last = stdout.trim().split('\n').pop() ?? '';
      resolve(JSON.parse(last) as T);
    });
  });
}

export interface BaselineServer {
  port: number;
  pid: number;
  /** milliseconds from spawn to "listening" */
  readyMs: number;
  stop(): Promise<void>;
}

/** Starts a baseline server script on the server core; it prints "listening PORT". */
export async function startBaselineServer(file: string, args: string[] = []): Promise<BaselineServer> {
  const [command, argv] = onServerCore(process.execPath, ['--import', 'tsx', file, ...args]);
  const started = performance.now();
  const child = spawn(command, argv, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^listening (\d+)/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return {
    port,
    pid: child.pid!,
    readyMs: performance.now() - started,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
