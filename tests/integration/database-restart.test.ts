import { signInOverHttp } from '../support/http-sign-in.js';
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../src/server/platform/db/data-dir-lock.js';
import { readPostmasterPid } from '../../src/server/platform/db/postgres-process.js';
import { startSmtpServer } from '../support/smtp.js';
import { type Running, startTandemProcess, urlOf, waitFor } from '../support/tandem-process.js';

/** A running Tandem whose embedded PostgreSQL is killed under it, as the OOM killer or `kill -9` would. */
const admin = { email: 'ops@example.test', password: 'a long admin password' };
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function dataDirOf(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-restart-'));
  dirs.push(dir);
  return dir;
}

async function healthOf(base: string): Promise<number> {
  try {
    return (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
}

async function waitForHealth(base: string, status: number, ms: number): Promise<number> {
  const started = Date.now();
  while ((await healthOf(base)) !== status) {
    if (Date.now() - started > ms) throw new Error(`/healthz never answered ${status} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

/** The application names connected to the embedded server now (Tandem's pool, LISTEN connection, pg-boss). */
async function applicationNames(dataDir: string): Promise<string[]> {
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  const { port } = readPostmasterPid(path.join(dataDir, 'postgres'))!;
  const client = new pg.Client({ connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/tandem` });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select distinct application_name as name from pg_stat_activity where datname = 'tandem' and pid <> pg_backend_pid()`,
    );
    return rows.map((r) => r.name).sort();
  } finally {
    await client.end();
  }
}

const signIn = async (base: string) => ({
  ...(await signInOverHttp(base, admin)),
  'content-type': 'application/json',
});

async function startWithAccount(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ running: Running; base: string }> {
  const running = startTandemProcess({
    TANDEM_DATA_DIR: dataDir,
    TANDEM_ADMIN_EMAIL: admin.email,
    TANDEM_ADMIN_PASSWORD: admin.password,
    ...env,
  });
  const base = await urlOf(running);
  return { running, base };
}

describe('the embedded database comes back', () => {
  it('a postmaster killed under a running Tandem is restarted: /healthz goes 503 then 200 by itself, and acknowledged writes are kept', async () => {
    const dataDir = dataDirOf();
    const smtp = await startSmtpServer();
    const { running, base } = await startWithAccount(dataDir, { SMTP_URL: smtp.url });
    const headers = await signIn(base);
    const created = await fetch(`${base}/api/v1/companies`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Written before the crash' }),
    });
    expect(created.status).toBe(201); // acknowledged
    const { id } = (await created.json()) as { id: string };

    const killed = readPostmasterPid(path.join(dataDir, 'postgres'))!;
    process.kill(killed.pid, 'SIGKILL');
    await waitForHealth(base, 503, 5_000);
    const downFor = await waitForHealth(base, 200, 60_000);
    console.log(`/healthz back to 200 ${downFor} ms after it answered 503`);

    expect(running.child.exitCode).toBeNull(); // the same process, still running
    expect(running.output()).toContain('embedded PostgreSQL exited unexpectedly; restarting it');
    // the log line is written asynchronously: /healthz can answer 200 a moment before it arrives
    await waitFor(running, /embedded PostgreSQL restarted/, 10_000);
    const restarted = readPostmasterPid(path.join(dataDir, 'postgres'))!;
    expect(restarted.pid).not.toBe(killed.pid);
    expect(restarted.port).toBe(killed.port);
    expect(isProcessAlive(killed.pid)).toBe(false);

    // the write acknowledged before the crash is there, read with the session made before it
    const read = await fetch(`${base}/api/v1/companies/${id}`, { headers });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { name: string }).name).toBe('Written before the crash');
    // the pool writes again, and the LISTEN connection and pg-boss came back by themselves
    const after = await fetch(`${base}/api/v1/companies`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Written after the restart' }),
    });
    expect(after.status).toBe(201);
    const deadline = Date.now() + 30_000;
    let names = await applicationNames(dataDir);
    while (!(names.includes('tandem-notify') && names.includes('tandem-jobs')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      names = await applicationNames(dataDir);
    }
    expect(names).toEqual(expect.arrayContaining(['tandem', 'tandem-jobs', 'tandem-notify']));
    // delivery goes on: an invitation written now is sent, woken by its NOTIFY
    const invited = await fetch(`${base}/api/v1/users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'after@example.test', name: 'After', role: 'viewer', companyIds: 'all' }),
    });
    expect(invited.status).toBe(201);
    const [mail] = await smtp.waitFor(1, 15_000);
    expect(mail!.to).toMatchObject({ text: 'after@example.test' });
    await smtp.close();

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.output()).not.toMatch(/uncaught|unhandled/i);
  }, 180_000);

  it('a database that cannot come back (its data folder gone) makes Tandem exit 1 with the reason', async () => {
    const dataDir = dataDirOf();
    const { running, base } = await startWithAccount(dataDir);
    const clusterDir = path.join(dataDir, 'postgres');
    const { pid } = readPostmasterPid(clusterDir)!;
    renameSync(clusterDir, `${clusterDir}.moved`);
    process.kill(pid, 'SIGKILL');
    expect(await healthOf(base)).not.toBe(200);

    expect(await running.exited).toBe(1);
    expect(running.output()).toContain(
      `The embedded PostgreSQL stopped and cannot be restarted: its data folder ${clusterDir} is gone.`,
    );
    expect(running.output()).toContain('Tandem stops (exit code 1) so that its service manager starts it again.');
  }, 120_000);
});
