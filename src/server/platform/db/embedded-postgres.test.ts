import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive } from './data-dir-lock.js';
import {
  DataDirInUseError,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
  type EmbeddedPostgresOptions,
} from './embedded-postgres.js';
import { freePort, readPostmasterPid, startPostgres } from './postgres-process.js';

const T = 60_000;
const FAST = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

const dirs: string[] = [];
const handles: EmbeddedPostgresHandle[] = [];
afterEach(async () => {
  await Promise.allSettled(handles.splice(0).map((h) => h.stop()));
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmpDataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-pg-test-'));
  dirs.push(d);
  return d;
}

async function start(
  dataDir: string,
  mode: EmbeddedPostgresOptions['mode'] = 'owner',
  extra: Partial<EmbeddedPostgresOptions> = {},
) {
  const h = await startEmbeddedPostgres({ dataDir, mode, extraFlags: FAST, ...extra });
  handles.push(h);
  return h;
}

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const mode = (p: string) => fs.statSync(p).mode & 0o777;
const postmasterPid = (dataDir: string) => readPostmasterPid(path.join(dataDir, 'postgres'))!.pid;

async function waitUntil(cond: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(50);
  }
}

/** Pids of processes whose cwd is the cluster dir (the postmaster and all its children). */
function clusterProcesses(clusterDir: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return fs.readlinkSync(`/proc/${p}/cwd`) === clusterDir;
      } catch {
        return false;
      }
    })
    .map(Number)
    .filter(isProcessAlive);
}

describe('startEmbeddedPostgres', () => {
  it(
    'first start: creates the cluster, serves queries on 127.0.0.1 only, stops cleanly (twice)',
    { timeout: T },
    async () => {
      const dataDir = tmpDataDir();
      const logs: string[] = [];
      const t0 = Date.now();
      const h = await start(dataDir, 'owner', { log: (m) => logs.push(m) });
      console.log(`first start (initdb + start + create database): ${Date.now() - t0} ms`);

      expect(h.owned).toBe(true);
      expect(h.url).toMatch(/^postgres:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/tandem$/);
      expect(h.adminUrl('postgres')).toBe(h.url.replace(/\/tandem$/, '/postgres'));

      const [row] = await query(
        h.url,
        `select 1 as one, current_database() as db,
      current_setting('listen_addresses') as listen, current_setting('unix_socket_directories') as sockets,
      current_setting('server_encoding') as enc, current_setting('fsync') as fsync`,
      );
      expect(row).toEqual({ one: 1, db: 'tandem', listen: '127.0.0.1', sockets: '', enc: 'UTF8', fsync: 'off' });
      // builtin C.UTF-8 provider: Unicode-aware case mapping
      expect((await query(h.url, `select lower('ÉTÉ') as l`))[0]).toEqual({ l: 'été' });

      const password = fs.readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
      expect(h.url).toContain(`:${password}@`);
      expect(mode(path.join(dataDir, 'postgres-password'))).toBe(0o600);
      expect(mode(path.join(dataDir, 'postgres'))).toBe(0o700);
      expect(fs.readFileSync(path.join(dataDir, 'tandem.pid'), 'utf8').trim()).toBe(String(process.pid));
      expect(fs.readFileSync(path.join(dataDir, 'postgres.log'), 'utf8')).toContain('ready to accept connections');
      expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('.initdb-pw'))).toEqual([]); // temp pwfile gone

      const pmPid = postmasterPid(dataDir);
      if (process.getuid?.() === 0) {
        // PostgreSQL refuses root: it runs as the system user "postgres"; the password file stays root's.
        const pgUid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString());
        expect(pgUid).toBeGreaterThan(0);
        expect(fs.statSync(path.join(dataDir, 'postgres')).uid).toBe(pgUid);
        expect(fs.statSync(path.join(dataDir, 'postgres-password')).uid).toBe(0);
        const status = fs.readFileSync(`/proc/${pmPid}/status`, 'utf8');
        expect(status).toMatch(new RegExp(`^Uid:\\s+${pgUid}\\s`, 'm'));
      }

      await h.stop();
      await h.stop(); // idempotent
      expect(isProcessAlive(pmPid)).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'tandem.pid'))).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      await expect(query(h.url, 'select 1')).rejects.toThrow();
      expect(logs).toContain('creating PostgreSQL cluster');
    },
  );

  it('restart of an existing cluster is fast and keeps the data', { timeout: T }, async () => {
    const dataDir = tmpDataDir();
    const first = await start(dataDir);
    await query(first.url, `create table kept (v text); insert into kept values ('hello')`);
    await first.stop();

    const t0 = Date.now();
    const second = await start(dataDir);
    const ms = Date.now() - t0;
    console.log(`restart of an existing cluster: ${ms} ms`);
    expect(ms).toBeLessThan(3000);
    expect(await query(second.url, 'select v from kept')).toEqual([{ v: 'hello' }]);
  });

  it('refuses a second owner of the same data folder while the first runs', { timeout: T }, async () => {
    const dataDir = tmpDataDir();
    const first = await start(dataDir);

    const err = await start(dataDir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirInUseError);
    expect((err as Error).message).toBe(
      `Data folder ${dataDir} is in use by another Tandem (pid ${process.pid}). Stop it first, or set TANDEM_DATA_DIR to another folder.`,
    );
    // The failed attempt did not disturb the first one.
    expect(await query(first.url, 'select 1 as x')).toEqual([{ x: 1 }]);
    expect(fs.readFileSync(path.join(dataDir, 'tandem.pid'), 'utf8').trim()).toBe(String(process.pid));

    await first.stop();
    const again = await start(dataDir); // free again
    expect(again.owned).toBe(true);
  });

  it('client mode attaches to the running server; its stop() leaves the server up', { timeout: T }, async () => {
    const dataDir = tmpDataDir();
    const server = await start(dataDir);
    const cli = await start(dataDir, 'client');
    expect(cli.owned).toBe(false);
    expect(cli.url).toBe(server.url);
    expect(await query(cli.url, 'select current_database() as db')).toEqual([{ db: 'tandem' }]);
    await cli.stop();
    expect(await query(server.url, 'select 1 as x')).toEqual([{ x: 1 }]);
    expect(fs.existsSync(path.join(dataDir, 'tandem.pid'))).toBe(true);
    await server.stop();

    // No server running: the client starts (and owns) its own.
    const alone = await start(dataDir, 'client');
    expect(alone.owned).toBe(true);
    const pmPid = postmasterPid(dataDir);
    expect(await query(alone.url, 'select 1 as x')).toEqual([{ x: 1 }]);
    await alone.stop();
    expect(isProcessAlive(pmPid)).toBe(false);
  });

  it('recovers from a crashed Tandem: stops the orphaned postgres and starts again', { timeout: T }, async () => {
    const dataDir = tmpDataDir();
    const script = path.join(dataDir, 'crashing-tandem.mts');
    const moduleUrl = new URL('./embedded-postgres.ts', import.meta.url).href;
    fs.writeFileSync(
      script,
      `import { startEmbeddedPostgres } from ${JSON.stringify(moduleUrl)};
       const h = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, mode: 'owner', extraFlags: ${JSON.stringify(FAST)} });
       console.log(JSON.stringify({ url: h.url }));
       setInterval(() => {}, 1 << 30);`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const { url } = await new Promise<{ url: string }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))));
      });
      child.once('exit', () => reject(new Error(`child exited: ${stderr}`)));
    });
    await query(url, `create table survived (v int); insert into survived values (42)`);

    // While it lives, that other Tandem owns the folder.
    await expect(start(dataDir)).rejects.toThrow(`in use by another Tandem (pid ${child.pid})`);

    child.kill('SIGKILL');
    await exited;
    const orphan = postmasterPid(dataDir);
    expect(isProcessAlive(orphan)).toBe(true); // postgres outlived its Tandem
    expect(fs.readFileSync(path.join(dataDir, 'tandem.pid'), 'utf8').trim()).toBe(String(child.pid)); // stale lock

    const logs: string[] = [];
    const h = await start(dataDir, 'owner', { log: (m) => logs.push(m) });
    expect(h.owned).toBe(true);
    expect(isProcessAlive(orphan)).toBe(false);
    expect(postmasterPid(dataDir)).not.toBe(orphan);
    expect(logs).toContain('stopping orphaned PostgreSQL left by a previous Tandem');
    expect(await query(h.url, 'select v from survived')).toEqual([{ v: 42 }]);
    expect(fs.readFileSync(path.join(dataDir, 'tandem.pid'), 'utf8').trim()).toBe(String(process.pid));
  });

  it(
    'cleans a stale postmaster.pid (postmaster killed -9) and stale tandem.pid, then recovers the WAL',
    { timeout: T },
    async () => {
      const dataDir = tmpDataDir();
      const clusterDir = path.join(dataDir, 'postgres');
      const unexpected: string[] = [];
      // synchronous_commit stays on: the commit must be in the WAL (OS cache suffices) when postgres dies.
      // Not restarted by the handle, so that the next start finds what a dead postmaster leaves.
      const first = await start(dataDir, 'owner', {
        log: (m) => unexpected.push(m),
        extraFlags: ['fsync=off'],
        restart: false,
      });
      await query(first.url, `create table t (v int); insert into t values (7)`);
      const pmPid = postmasterPid(dataDir);
      const all = clusterProcesses(fs.realpathSync(clusterDir));
      process.kill(pmPid, 'SIGKILL');
      await waitUntil(() => all.every((p) => !isProcessAlive(p))); // its children notice and exit
      await waitUntil(() => unexpected.includes('embedded PostgreSQL exited unexpectedly'));
      await first.stop(); // nothing to stop any more; releases tandem.pid
      expect(readPostmasterPid(clusterDir)?.pid).toBe(pmPid); // left behind, pid dead

      // A stale tandem.pid: a dead pid, or our own pid left by an earlier process (pid reuse after a container restart).
      const deadPid = spawnSync('true').pid!;
      for (const stalePid of [deadPid, process.pid]) {
        fs.writeFileSync(path.join(dataDir, 'tandem.pid'), `${stalePid}\n`);
        const logs: string[] = [];
        const h = await start(dataDir, 'owner', { log: (m) => logs.push(m) });
        if (stalePid === deadPid) {
          expect(logs).toContain('removing stale postmaster.pid');
          expect(fs.readFileSync(path.join(dataDir, 'postgres.log'), 'utf8')).toMatch(
            /not properly shut down; automatic recovery in progress/,
          );
        }
        expect(await query(h.url, 'select v from t')).toEqual([{ v: 7 }]);
        await h.stop();
      }
    },
  );

  it(
    'restarts a postmaster that died under it, on the same port, with what was committed',
    { timeout: T },
    async () => {
      const dataDir = tmpDataDir();
      const clusterDir = path.join(dataDir, 'postgres');
      const logs: string[] = [];
      const given: string[] = [];
      const h = await start(dataDir, 'owner', {
        log: (m) => logs.push(m),
        extraFlags: ['fsync=off'],
        restart: { onGiveUp: (m) => given.push(m) },
      });
      // a connection held open across the restart, as a pool's would be
      const held = new pg.Client({ connectionString: h.url });
      const heldErrors: Error[] = [];
      held.on('error', (e) => heldErrors.push(e));
      await held.connect();
      await held.query(`create table kept (v int); insert into kept values (1), (2)`);
      const before = readPostmasterPid(clusterDir)!;

      process.kill(before.pid, 'SIGKILL');
      await waitUntil(() => logs.includes('embedded PostgreSQL restarted'), 30_000);
      const after = readPostmasterPid(clusterDir)!;
      expect(after.pid).not.toBe(before.pid);
      expect(after.port).toBe(before.port); // the same URL works
      expect(await query(h.url, 'select v from kept order by v')).toEqual([{ v: 1 }, { v: 2 }]);
      expect(fs.readFileSync(path.join(dataDir, 'postgres.log'), 'utf8')).toMatch(
        /not properly shut down; automatic recovery in progress/,
      );
      await expect(held.query('select 1')).rejects.toThrow(); // the old connection is gone, without an uncaught error
      expect(given).toEqual([]);

      await h.stop();
      expect(isProcessAlive(after.pid)).toBe(false);
      expect(fs.existsSync(path.join(clusterDir, 'postmaster.pid'))).toBe(false);
    },
  );

  it('fails with the end of postgres.log in the message, and releases the folder', { timeout: T }, async () => {
    const dataDir = tmpDataDir();
    await expect(start(dataDir, 'owner', { extraFlags: ['no_such_setting=1'] })).rejects.toThrow(
      /PostgreSQL failed to start[\s\S]*postgres\.log[\s\S]*unrecognized configuration parameter "no_such_setting"/,
    );
    expect(fs.existsSync(path.join(dataDir, 'tandem.pid'))).toBe(false);
    await expect(start(dataDir, 'owner', { extraFlags: ['-c fsync=off'] })).rejects.toThrow(/name=value/);
    expect((await start(dataDir)).owned).toBe(true); // the cluster made by the failed attempt is fine
  });
});

describe('startPostgres', () => {
  it('retries on another port when the picked one got taken', { timeout: T }, async () => {
    const dataDir = tmpDataDir();
    const h = await start(dataDir);
    await h.stop();
    // Occupy a port, and make it the first one picked.
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    const picks = [taken];
    try {
      const proc = await startPostgres({
        clusterDir: path.join(dataDir, 'postgres'),
        user:
          process.getuid?.() === 0
            ? {
                name: 'postgres',
                uid: fs.statSync(path.join(dataDir, 'postgres')).uid,
                gid: fs.statSync(path.join(dataDir, 'postgres')).gid,
              }
            : null,
        logPath: path.join(dataDir, 'postgres.log'),
        extraFlags: FAST,
        pickPort: async () => picks.shift() ?? freePort(),
      });
      expect(proc.port).not.toBe(taken);
      expect(fs.readFileSync(path.join(dataDir, 'postgres.log'), 'utf8')).toContain('Address already in use');
      await proc.stop();
      await proc.stop();
    } finally {
      blocker.close();
    }
  });
});
