import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ScriptShell } from '../../shared/contracts/device-scripts.js';

export interface ScriptOutcome {
  status: 'succeeded' | 'failed' | 'timed_out';
  /** null when the shell could not start or the script was stopped */
  exitCode: number | null;
  /** stdout and stderr as they came, at most `maxBytes` bytes of them */
  output: string;
  truncated: boolean;
}

export interface ScriptJob {
  shell: ScriptShell;
  body: string;
  timeoutSeconds: number;
  maxBytes: number;
  platform?: NodeJS.Platform;
  /** the script's environment (the agent's own unless told) */
  env?: NodeJS.ProcessEnv;
}

const windows = (platform: NodeJS.Platform) => platform === 'win32';

/**
 * The program and arguments that run a script file with its shell: the file's path is the only
 * argument taken from the run (a path the agent made), never the script's text.
 */
export function shellCommand(
  shell: ScriptShell,
  file: string,
  platform: NodeJS.Platform,
): { command: string; args: string[]; extension: string } {
  switch (shell) {
    case 'sh':
      return { command: 'sh', args: [file], extension: '.sh' };
    case 'bash':
      return { command: 'bash', args: [file], extension: '.sh' };
    case 'powershell':
      return {
        command: windows(platform) ? 'powershell.exe' : 'pwsh',
        args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', file],
        extension: '.ps1',
      };
    case 'cmd':
      return { command: 'cmd.exe', args: ['/d', '/c', file], extension: '.cmd' };
  }
}

/** Stops a script and everything it started: its process group (POSIX), or its tree (`taskkill /T`). */
function killTree(pid: number | undefined, platform: NodeJS.Platform): void {
  if (pid === undefined) return;
  try {
    if (windows(platform)) {
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on(
        'error',
        () => {},
      );
    } else {
      process.kill(-pid, 'SIGKILL');
    }
  } catch {
    // already gone
  }
}

/**
 * Runs a script: its text written to a new private temporary folder (a `.ps1` with a byte-order
 * mark so Windows PowerShell reads UTF-8; a `.cmd` with CRLF line ends), that file run by the
 * shell, stdout and stderr kept together up to `maxBytes` (the rest counted as truncated). Past its
 * timeout the whole tree is killed (`timed_out`). Exit code 0 is `succeeded`, anything else
 * `failed` — a shell that cannot start too, with the reason as output. The folder is removed after.
 */
export async function executeScript(job: ScriptJob): Promise<ScriptOutcome> {
  const platform = job.platform ?? process.platform;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-script-'));
  try {
    const { extension } = shellCommand(job.shell, '', platform);
    const file = path.join(dir, `script${extension}`);
    const text =
      job.shell === 'cmd'
        ? job.body.replace(/\r?\n/g, '\r\n')
        : job.shell === 'powershell'
          ? `\ufeff${job.body}`
          : job.body;
    await writeFile(file, text, { mode: 0o700 });
    const { command, args } = shellCommand(job.shell, file, platform);
    return await run(command, args, dir, job, platform);
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

function run(
  command: string,
  args: string[],
  cwd: string,
  job: ScriptJob,
  platform: NodeJS.Platform,
): Promise<ScriptOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let timedOut = false;
    let settled = false;
    const keep = (chunk: Buffer) => {
      const room = job.maxBytes - size;
      if (chunk.length > room) truncated = true;
      if (room <= 0) return;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(part);
      size += part.length;
    };
    const child = spawn(command, args, {
      cwd,
      env: job.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group, so a timeout stops what the script started too
      detached: !windows(platform),
      windowsHide: true,
    });
    const finish = (status: ScriptOutcome['status'], exitCode: number | null, note = '') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drain);
      // a NUL (binary output) as U+FFFD: the server stores text, which cannot hold one
      const output = Buffer.concat(chunks).toString('utf8').replaceAll('\0', '\uFFFD') + note;
      resolve({ status, exitCode, output: output.slice(0, job.maxBytes), truncated });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child.pid, platform);
    }, job.timeoutSeconds * 1000);
    let drain: NodeJS.Timeout | undefined;
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => finish('failed', null, `${command} could not start: ${error.message}\n`));
    child.on('exit', (code) => {
      // what it left running may hold the output open: two seconds, then it is stopped
      drain = setTimeout(() => {
        killTree(child.pid, platform);
        finish(timedOut ? 'timed_out' : code === 0 ? 'succeeded' : 'failed', timedOut ? null : code);
      }, 2000);
    });
    child.on('close', (code) => {
      if (timedOut) finish('timed_out', null);
      else finish(code === 0 ? 'succeeded' : 'failed', code);
    });
  });
}
