/**
 * One Tandem per data folder: `${dataDir}/tandem.pid` holds the pid of the
 * Tandem process that owns the folder (and its embedded PostgreSQL).
 * Also home of the small /proc helpers used to tell live processes from stale
 * pid files.
 */
import fs from 'node:fs';
import path from 'node:path';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Data folder ${dataDir} is in use by another Tandem (pid ${pid}). ` +
        'Stop it first, or set TANDEM_DATA_DIR to another folder.',
    );
    this.name = 'DataDirInUseError';
  }
}

/** True if `pid` is a running process (zombies count as dead). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // "pid (comm) S ..." — comm may contain spaces and parentheses.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/** argv of a process, or null if it cannot be read. */
export function readCmdline(pid: number): string[] | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((s) => s !== '');
  } catch {
    return null;
  }
}

function looksLikeNode(pid: number): boolean {
  const argv = readCmdline(pid);
  if (argv === null) return true; // cannot tell: assume the worst (it is a Tandem)
  const first = argv[0];
  if (first === undefined) return false;
  const exe = path.basename(first);
  return /node/i.test(exe) || exe === path.basename(process.execPath);
}

const LOCK_FILE = 'tandem.pid';
/** Lock files taken by this very process (a pid file naming our own pid is
 * only "ours" if we took it; otherwise it is left over from an earlier
 * process that had the same pid, typically pid 1 in a restarted container). */
const held = new Set<string>();

/** Pid of the live Tandem owning `dataDir`, or null if none (absent or stale lock). */
export function lockOwner(dataDir: string): number | null {
  const file = path.join(dataDir, LOCK_FILE);
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
  } catch {
    return null;
  }
  if (pid === process.pid) return held.has(file) ? pid : null;
  return isProcessAlive(pid) && looksLikeNode(pid) ? pid : null;
}

export interface DataDirLock {
  /** Removes tandem.pid (if it still names us). Idempotent. */
  release(): void;
}

/** Takes `${dataDir}/tandem.pid` or throws DataDirInUseError. Removes a stale file. */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o644); // exclusive create
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      held.add(file);
      return { release: () => releaseLock(file) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = lockOwner(dataDir);
    if (owner !== null) throw new DataDirInUseError(dataDir, owner);
    fs.rmSync(file, { force: true }); // stale: its Tandem crashed
  }
  throw new Error(`Could not take the lock file ${file}`);
}

function releaseLock(file: string): void {
  if (!held.delete(file)) return;
  try {
    if (Number.parseInt(fs.readFileSync(file, 'utf8'), 10) === process.pid) fs.rmSync(file, { force: true });
  } catch {
    // already gone
  }
}
