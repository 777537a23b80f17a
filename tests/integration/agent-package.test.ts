import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentVersion } from '../../src/agent/version.js';
import { installCommands } from '../../src/shared/agent-install.js';
import { anAccount } from '../support/builders/index.js';
import { call, createTestApp, signIn, type TestApp } from '../support/test-app.js';
import { dataKeyOf } from './devices-support.js';

/**
 * The packaged agent as a customer's IT installs it: `npm run build:agent`'s .deb installed with
 * dpkg (root), enrolled by its postinst against a Tandem this test starts, the systemd unit's command
 * run directly (no systemd here), the device online, then purged with nothing left; the Linux
 * executable run with an empty environment (no node on PATH); the MSI's tables and files listed
 * (it cannot be installed here). CI runs it as root after `npm run build:agent`.
 */
const dist = path.resolve('dist/agent');
const deb = path.join(dist, `tandem-agent_${agentVersion}_amd64.deb`);
const linuxExecutable = path.join(dist, 'tandem-agent-linux-x64');
const msi = path.join(dist, `tandem-agent-${agentVersion}-x64.msi`);
const windowsExecutable = path.join(dist, 'tandem-agent-win-x64.exe');
const execFileAsync = promisify(execFile);
const isRoot = process.getuid?.() === 0;
const built = existsSync(deb) && existsSync(linuxExecutable);
const ci = Boolean(process.env.CI);
// CI must run it: there a missing build fails the test instead of skipping it
const skipReason = !isRoot && !ci ? 'needs root (dpkg -i)' : !built && !ci ? 'run npm run build:agent first' : null;
if (skipReason) console.warn(`agent-package.test.ts skipped: ${skipReason}`);

const leftovers = [
  '/usr/lib/tandem-agent',
  '/usr/bin/tandem-agent',
  '/usr/lib/systemd/system/tandem-agent.service',
  '/var/lib/tandem-agent',
  '/etc/tandem-agent',
  '/var/cache/tandem-agent',
  '/etc/systemd/system/multi-user.target.wants/tandem-agent.service',
];

const sh = (program: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(program, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
const installed = () => {
  try {
    return sh('dpkg-query', ['-W', '-f', '${Status}', 'tandem-agent']);
  } catch {
    return null; // dpkg knows nothing of it
  }
};

describe.skipIf(skipReason !== null)('the packaged agent', () => {
  let app: TestApp['app'];
  let admin: Awaited<ReturnType<typeof signIn>>;
  let server = '';
  let key = '';
  let companyId = '';
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    const started = await createTestApp({ TANDEM_AGENT_HEARTBEAT_SECONDS: '1', TANDEM_AGENT_DIR: dist });
    app = started.app;
    await app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const account = await anAccount(started.database.db, { name: 'Packaged agent', companies: 1 });
    admin = await signIn(app, account.admin.email);
    companyId = account.companyIds[0];
    key = await dataKeyOf(started.database.db, companyId);
  });
  afterAll(() => {
    children.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
    if (installed()) sh('dpkg', ['--purge', 'tandem-agent']);
  });

  const devices = async () =>
    (await call(app, admin, { method: 'GET', url: '/api/v1/devices' })).json().items as {
      id: string;
      name: string;
      status: string;
      agentVersion: string | null;
    }[];
  const until = async <T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const start = (command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, output: () => output };
  };

  it('installs silently from the .deb, enrols, runs as its unit says, upgrades in place, and purges to nothing', async () => {
    if (installed()) sh('dpkg', ['--purge', 'tandem-agent']); // a run cut short before
    for (const leftover of leftovers) expect(existsSync(leftover), leftover).toBe(false);

    // the company page's one-line install, run as the computer's administrator would (root here, so
    // without sudo): the .deb downloaded from this server with the data key, installed silently with
    // the server and the key, postinst enrolling once; not a synchronous child: the server this test
    // runs must answer the download and the enrolment meanwhile
    // over the network, as the company page asks: the commands name the address the page was reached at
    const listed = await fetch(`${server}/api/v1/companies/${companyId}/agent-downloads`, { headers: admin.headers });
    const oneLine = installCommands(await listed.json(), key).linux!;
    expect(oneLine).toContain(`${server}/api/agent/download/${path.basename(deb)}`);
    rmSync(`/tmp/${path.basename(deb)}`, { force: true });
    const dpkg = await execFileAsync('sh', ['-c', oneLine.replace('&& sudo ', '&& ')], {
      env: { ...process.env, TANDEM_NAME: 'Packaged' },
    });
    rmSync(`/tmp/${path.basename(deb)}`, { force: true });
    expect(installed(), dpkg.stderr).toBe('install ok installed');
    const credentialFile = '/var/lib/tandem-agent/credential.json';
    expect(existsSync(credentialFile), `${dpkg.stdout}${dpkg.stderr}`).toBe(true);
    expect(statSync(credentialFile).mode & 0o777).toBe(0o600);
    expect(statSync('/var/lib/tandem-agent').mode & 0o777).toBe(0o700);
    const stored = JSON.parse(readFileSync(credentialFile, 'utf8')) as { deviceId: string; server: string };
    expect(stored.server).toBe(server);
    expect(readFileSync(credentialFile, 'utf8')).not.toContain(key);
    expect((await devices()).find((d) => d.id === stored.deviceId)?.name).toBe('Packaged');

    // the unit's command, run as systemd would (its Environment= lines, nothing of this shell's)
    const unit = readFileSync('/usr/lib/systemd/system/tandem-agent.service', 'utf8');
    expect(unit).toMatch(/^Restart=on-failure$/m);
    const execStart = /^ExecStart=(.+)$/m.exec(unit)![1]!.split(' ');
    const unitEnv = Object.fromEntries(
      [...unit.matchAll(/^Environment=([^=]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!] as [string, string]),
    );
    const agent = start(execStart[0]!, execStart.slice(1), { ...unitEnv, PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, '/');
    await until('the installed agent online', async () => {
      const device = (await devices()).find((d) => d.id === stored.deviceId);
      return (
        device?.status === 'online' && device.agentVersion === agentVersion && agent.output().includes('inventory sent')
      );
    });
    // heartbeats, not only the first report
    const before = agent.output().length;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await devices()).find((d) => d.id === stored.deviceId)?.status, agent.output()).toBe('online');
    expect(agent.child.exitCode, agent.output().slice(before)).toBeNull();

    // an upgrade in place (the same package again): the credential stays, no second device
    await execFileAsync('dpkg', ['-i', deb], { env: { ...process.env, TANDEM_SERVER: server, TANDEM_KEY: key } });
    expect(JSON.parse(readFileSync(credentialFile, 'utf8')).deviceId).toBe(stored.deviceId);
    expect((await devices()).filter((d) => d.name === 'Packaged')).toHaveLength(1);

    agent.child.kill('SIGTERM');
    expect(await agent.exited, agent.output()).toBe(0);
    // the native parts, written out where the unit says on first use (a session, or `check`)
    await execFileAsync('/usr/bin/tandem-agent', ['check'], { env: unitEnv }).catch(() => undefined);
    expect(readdirSync('/var/cache/tandem-agent')).toHaveLength(1);

    sh('dpkg', ['--purge', 'tandem-agent']);
    expect(installed()).toBeNull();
    for (const leftover of leftovers) expect(existsSync(leftover), leftover).toBe(false);
  }, 120_000);

  it('runs the Linux executable alone: no node on PATH, an empty environment', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'tandem-agent-sea-'));
    // PATH names an empty folder: no node anywhere the agent could look
    const env = { TANDEM_AGENT_CACHE_DIR: path.join(folder, 'cache'), PATH: mkdtempSync(path.join(folder, 'bin-')) };
    expect(() => sh('/bin/sh', ['-c', 'command -v node'], env)).toThrow();
    expect(sh('/usr/bin/env', ['-i', linuxExecutable, '--version']).trim()).toBe(agentVersion);

    const credential = path.join(folder, 'credential.json');
    const enrol = start(
      linuxExecutable,
      ['enroll', '--server', server, '--key', key, '--name', 'Alone', '--credential', credential],
      env,
      folder,
    );
    expect(await enrol.exited, enrol.output()).toBe(0);
    const { deviceId } = JSON.parse(readFileSync(credential, 'utf8')) as { deviceId: string };
    const run = start(linuxExecutable, ['run', '--credential', credential], env, folder);
    await until(
      'the executable online',
      async () => (await devices()).find((d) => d.id === deviceId)?.status === 'online',
    );

    // the native parts were written out once, owner-only, and load
    const check = start(linuxExecutable, ['check'], env, folder);
    await check.exited;
    expect(check.output()).toMatch(/^ok +node-datachannel:/m);
    expect(check.output()).toMatch(/^ok +sharp:/m);
    const [native] = readdirSync(env.TANDEM_AGENT_CACHE_DIR);
    expect(native).toMatch(new RegExp(`^native-${agentVersion.replace(/\./g, '\\.')}-[0-9a-f]{16}$`));
    expect(statSync(path.join(env.TANDEM_AGENT_CACHE_DIR, native!)).mode & 0o777).toBe(0o700);

    run.child.kill('SIGTERM');
    expect(await run.exited, run.output()).toBe(0);

    // install on an enrolled computer keeps the credential; uninstall removes what the agent wrote
    const install = start(linuxExecutable, ['install', '--credential', credential], env, folder);
    expect(await install.exited, install.output()).toBe(0);
    expect(install.output()).toContain('the credential is kept');
    expect(JSON.parse(readFileSync(credential, 'utf8')).deviceId).toBe(deviceId);
    const uninstall = start(linuxExecutable, ['uninstall', '--credential', credential], env, '/');
    expect(await uninstall.exited, uninstall.output()).toBe(0);
    expect(existsSync(credential)).toBe(false);
    expect(existsSync(env.TANDEM_AGENT_CACHE_DIR)).toBe(false);
  }, 60_000);

  it('builds the Windows executable and installer: a PE with the agent inside, an MSI with its enrolment and clean-up actions', () => {
    const exe = readFileSync(windowsExecutable);
    expect(exe.subarray(0, 2).toString('latin1')).toBe('MZ');
    expect(exe.includes('NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1')).toBe(true); // the blob is injected
    const tables = sh('msiinfo', ['tables', msi]).split('\n');
    expect(tables).toEqual(
      expect.arrayContaining(['File', 'Component', 'CustomAction', 'Upgrade', 'InstallExecuteSequence']),
    );
    expect(sh('msiinfo', ['export', msi, 'File'])).toContain('tandem-agent.exe');
    expect(sh('msiinfo', ['export', msi, 'Directory'])).toContain('ProgramFiles64Folder');
    const actions = sh('msiinfo', ['export', msi, 'CustomAction']);
    expect(actions).toMatch(/^InstallAgent\t3154\tAgentExe\tinstall --server "\[SERVER\]" --key "\[KEY\]"/m);
    expect(actions).toMatch(/^UninstallAgent\t3154\tAgentExe\tuninstall --credential/m);
    const sequence = sh('msiinfo', ['export', msi, 'InstallExecuteSequence']);
    expect(sequence).toMatch(/^InstallAgent\tNOT REMOVE\t/m);
    expect(sequence).toMatch(/^UninstallAgent\tREMOVE="ALL" AND NOT UPGRADINGPRODUCTCODE\t/m);
    expect(sequence).toMatch(/^RemoveExistingProducts\t/m); // MajorUpgrade: an older version goes first
    expect(sh('msiinfo', ['export', msi, 'Upgrade'])).toMatch(/6F1D0B0E-4A51-4C1E-9D3F-2B7C4F1A9E21/i);
    console.log(`MSI tables: ${tables.filter(Boolean).join(' ')}`);
  });
});
