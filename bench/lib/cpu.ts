import { execFileSync } from 'node:child_process';
import os from 'node:os';

/**
 * Core pinning: the server under test (and its PostgreSQL) on core 0, the load generator on the
 * last core, so they do not steal each other's time. Without `taskset` or with one core,
 * nothing is pinned and the report says so.
 */
export const pinning = (() => {
  const cores = os.availableParallelism();
  let taskset = false;
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    taskset = cores >= 2;
  } catch {
    taskset = false;
  }
  return { enabled: taskset, serverCore: 0, loadCore: cores - 1, cores };
})();

/** The command (and arguments) that runs `command` on the server's core. */
export function onServerCore(command: string, args: string[]): [string, string[]] {
  return pinning.enabled ? ['taskset', ['-c', String(pinning.serverCore), command, ...args]] : [command, args];
}

/** Moves this process (the load generator) to its own core. */
export function pinSelfToLoadCore(): void {
  if (pinning.enabled)
    execFileSync('taskset', ['-pc', String(pinning.loadCore), String(process.pid)], { stdio: 'ignore' });
}

/** Resident memory of a process in bytes (Linux), or NaN. */
export function residentBytes(pid: number): number {
  try {
    const status = execFileSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' });
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a process has used so far, in seconds (Linux), or NaN. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = execFileSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' });
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ticks / hz;
  } catch {
    return NaN;
  }
}
