import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The fields of /proc/<pid>/stat after the command name (field 3, the state, first), or null. */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The pid of an embedded PostgreSQL's postmaster (line 1 of its postmaster.pid), or null. */
export function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8'), 10);
    return Number.isFinite(pid) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system) of a PostgreSQL server so far, in seconds (Linux), or NaN: the
 * postmaster, its children alive now (backends, background workers), and the children it has
 * already reaped (their time is in the postmaster's cutime/cstime).
 */
export function postgresCpuSeconds(postmaster: number): number {
  const own = statFields(postmaster);
  if (!own) return NaN;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === postmaster) continue;
    const fields = statFields(entry);
    if (fields && Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / clockTicks;
}
