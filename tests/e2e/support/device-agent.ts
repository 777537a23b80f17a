import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resultsDir } from '../server-state.js';

/**
 * A real tandem-agent for a browser test: enrolled into the test server with a company's data key
 * (`tandem-agent enroll`), then run (`tandem-agent run`) with the X display of the device it serves
 * (tests/e2e/support/x-display.ts). Its output goes to test-results/agent-<label>.log and is kept
 * for the test to wait on; it is stopped after.
 */
const repoRoot = path.resolve(import.meta.dirname, '../../..');

export interface RunningAgent {
  deviceId: string;
  /** the agent's own folder: its credential, its local session log, its transfer folder */
  dataDir: string;
  logFile: string;
  output(): string;
  /** whether its process has ended (stopped, or stopped itself) */
  exited(): boolean;
  /** resolves when a line of the agent's output matches */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** `node --import tsx src/agent/main.ts …` (node itself, so that SIGTERM reaches the agent). */
function agentCommand(args: string[], env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, ['--import', 'tsx', 'src/agent/main.ts', ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function agentEnv(display: NodeJS.ProcessEnv | undefined, extra: Record<string, string>) {
  // English prompts whatever the machine's locale (the agent and zenity read LC_ALL)
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...display,
    LC_ALL: 'C.UTF-8',
    ...extra,
  };
  // the agent speaks to the test server only
  delete env.DATABASE_URL;
  return env;
}

/** `tandem-agent enroll`: the device's id once the credential is stored. */
export async function enrolAgent(options: {
  baseURL: string;
  dataKey: string;
  name: string;
  dataDir: string;
}): Promise<string> {
  const credential = path.join(options.dataDir, 'credential.json');
  const args = ['enroll', '--server', options.baseURL, '--key', options.dataKey, '--name', options.name];
  const out = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/agent/main.ts', ...args, '--credential', credential],
      { cwd: repoRoot, env: agentEnv(undefined, {}), timeout: 60_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`enrol: ${stderr || error.message}`)) : resolve(stdout)),
    );
  });
  const deviceId = /enrolled as device ([0-9a-f-]{36})/.exec(out)?.[1];
  if (!deviceId) throw new Error(`enrol said no device id:\n${out}`);
  return deviceId;
}

/**
 * Enrols a device named `name` into the company whose data key is given and runs its agent on
 * the display (`env` from XDisplay); `extra` adds to its environment (e.g. the reboot command).
 */
export async function startAgent(options: {
  baseURL: string;
  dataKey: string;
  name: string;
  display: NodeJS.ProcessEnv;
  extra?: Record<string, string>;
}): Promise<RunningAgent> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-agent-'));
  const deviceId = await enrolAgent({ ...options, dataDir });
  fs.mkdirSync(resultsDir, { recursive: true });
  const logFile = path.join(resultsDir, `agent-${options.name.toLowerCase().replace(/\W+/g, '-')}.log`);
  const log = fs.createWriteStream(logFile);
  const child: ChildProcess = agentCommand(
    // its session log in the folder, files from technicians in <folder>/transfers
    ['run', '--credential', path.join(dataDir, 'credential.json'), '--data-dir', dataDir],
    agentEnv(options.display, options.extra ?? {}),
  );
  let output = '';
  const waiters = new Set<() => void>();
  const take = (chunk: Buffer) => {
    log.write(chunk);
    output += chunk.toString('utf8');
    for (const check of waiters) check();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return {
    deviceId,
    dataDir,
    logFile,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    waitForOutput(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = output.split('\n').find((l) => pattern.test(l));
          if (line !== undefined) {
            finish();
            resolve(line);
          } else if (child.exitCode !== null) {
            finish();
            reject(new Error(`the agent exited (${child.exitCode}) before ${pattern}:\n${output.slice(-3000)}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no agent output matching ${pattern} in ${timeoutMs} ms:\n${output.slice(-3000)}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(killer);
      }
      log.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
