import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';

export interface CommandResult {
  /** the exit code; null when the command could not start or was stopped */
  code: number | null;
  stdout: string;
}

/**
 * Runs a program with arguments (no shell: names from a grant never reach a command line parser),
 * stdin optional, stopped after `timeoutMs`. Never throws: a program that cannot start gives code null.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: {
    timeoutMs?: number;
    env?: NodeJS.ProcessEnv;
    input?: string;
    /** false: stdout is not read and the exit is enough (xclip -i leaves a child holding the selection) */
    output?: boolean;
  } = {},
): Promise<CommandResult> {
  const output = options.output ?? true;
  return new Promise((resolve) => {
    let stdout = '';
    let settled = false;
    const finish = (code: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, stdout });
    };
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', output ? 'pipe' : 'ignore', 'ignore'],
      windowsHide: true,
    });
    const timer = setTimeout(() => {
      child.kill();
      finish(null);
    }, options.timeoutMs ?? 10_000);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < 1_000_000) stdout += chunk;
    });
    child.on('error', () => finish(null));
    child.on(output ? 'close' : 'exit', (code) => finish(code));
    if (options.input !== undefined) child.stdin?.on('error', () => {}).end(options.input);
  });
}

/** Starts a program and forgets it (a notice that stays on screen); stopped after `timeoutMs` if still there. */
export function startDetached(
  command: string,
  args: readonly string[],
  timeoutMs: number,
  env: NodeJS.ProcessEnv = process.env,
): void {
  try {
    const child = spawn(command, args, { stdio: 'ignore', windowsHide: true, env });
    child.on('error', () => {});
    const timer = setTimeout(() => child.kill(), timeoutMs);
    timer.unref();
    child.on('exit', () => clearTimeout(timer));
    child.unref();
  } catch {
    // nothing to show it with: the local log keeps the notice
  }
}

/** Whether a program is on the PATH. */
export async function onPath(command: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      await access(path.join(dir, command));
      return true;
    } catch {
      // next folder
    }
  }
  return false;
}
