import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DrizzleQueryError, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccountFromCli, parseAccountCreate } from '../../src/server/cli/commands/account-create.js';
import { exportToFile } from '../../src/server/cli/commands/account-export.js';
import { runCli } from '../../src/server/cli/cli.js';
import { CliError, errorLines, UsageError } from '../../src/server/cli/errors.js';
import type { CliIo } from '../../src/server/cli/io.js';
import { auditBatchSize, exportAccount } from '../../src/server/cli/operations/export-account.js';
import { resetPassword } from '../../src/server/cli/operations/reset-password.js';
import { parseUserResetPassword } from '../../src/server/cli/commands/user-reset-password.js';
import { usage } from '../../src/server/cli/usage.js';
import { insertToken } from '../../src/server/modules/api-tokens/index.js';
import { createSession } from '../../src/server/modules/auth/index.js';
import { usersWithEmail } from '../../src/server/modules/users/index.js';
import { verifyPassword } from '../../src/server/platform/crypto/passwords.js';
import { sha256 } from '../../src/server/platform/crypto/secrets.js';
import { startEmbeddedPostgres } from '../../src/server/platform/db/embedded-postgres.js';
import type { Queryable } from '../../src/server/platform/db/pool.js';
import {
  anAccount,
  anAccountSetting,
  aUser,
  countOf,
  manyAuditEvents,
  nth,
  only,
  sessionsOf,
  testPassword,
  uniqueEmail,
} from '../support/builders/index.js';
import { createTestDatabase } from '../support/test-database.js';

/** The first user with this e-mail (these tests give each e-mail to one account unless they say otherwise). */
const findUserByEmail = async (db: Queryable, email: string) => (await usersWithEmail(db, email))[0] ?? null;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const database = await createTestDatabase();
const { db } = database;

const count = async (query: ReturnType<typeof sql>) => Number(await countOf(db, query));

/** An in-memory sink that keeps every chunk, to check both the text and how it was cut. */
function memorySink() {
  const chunks: string[] = [];
  return { chunks, text: () => chunks.join(''), write: async (chunk: string) => void chunks.push(chunk) };
}

/** Runs the CLI in this process with captured output. */
async function runInProcess(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on('data', (c) => out.push(String(c)));
  const stderr = new PassThrough().on('data', (c) => err.push(String(c)));
  const io: CliIo = { env, stdout, stderr };
  const code = await runCli(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Runs `tsx src/server/cli/tandem.ts …` as a child process, the way `npm run tandem` does. */
function runChild(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['src/server/cli/tandem.ts', ...args], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The environment of a child: this one without any database or data folder settings, plus `extra`. */
function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of [
    'DATABASE_URL',
    'TANDEM_DATA_DIR',
    'TANDEM_ADMIN_EMAIL',
    'TANDEM_ADMIN_PASSWORD',
    'TANDEM_ACCOUNT_NAME',
    'DEBUG',
  ])
    delete env[k];
  return { ...env, ...extra };
}

const errorLinesOf = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('error: '));
const idOf = (stdout: string, label: string) => new RegExp(`^${label}: ([0-9a-f-]{36})$`, 'm').exec(stdout)?.[1];

describe('account create', () => {
  const args = (over: Record<string, string> = {}) =>
    Object.entries({
      '--name': 'Acme IT',
      '--admin-email': 'Ada@Example.test',
      '--admin-password': 'a long enough password',
      ...over,
    }).flat();

  it('turns valid arguments into the account to create (e-mail lower-cased, name defaulted)', () => {
    expect(parseAccountCreate(args())).toEqual({
      accountName: 'Acme IT',
      adminEmail: 'ada@example.test',
      adminPassword: 'a long enough password',
      adminName: 'ada',
    });
    expect(parseAccountCreate([...args(), '--admin-name', ' Ada Lovelace ']).adminName).toBe('Ada Lovelace');
  });

  it('refuses invalid values with one message per problem', () => {
    const problems = (argv: string[]) => {
      try {
        parseAccountCreate(argv);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return (err as UsageError).problems;
      }
      throw new Error('no UsageError');
    };
    expect(problems(args({ '--admin-email': 'nope', '--admin-password': 'short', '--name': '   ' }))).toEqual([
      '--name: Required',
      '--admin-email: Enter a valid e-mail address',
      '--admin-password: Use at least 10 characters',
    ]);
    expect(problems(['--name', 'Acme'])).toEqual(['--admin-email is required', '--admin-password is required']);
    expect(problems([...args(), '--colour', 'blue'])).toEqual(['unknown option --colour']);
    expect(problems([...args(), 'stray'])).toEqual(['unexpected argument "stray"']);
    expect(
      problems([
        '--name',
        'x'.repeat(121),
        '--admin-email',
        'a@b.test',
        '--admin-password',
        'a long enough password',
      ])[0],
    ).toMatch(/^--name: /);
  });

  it('creates the account, its first company and administrator, audited as the system', async () => {
    const email = uniqueEmail('cli-admin');
    const created = await createAccountFromCli(db, {
      accountName: 'Created by CLI',
      adminName: 'Ada',
      adminEmail: email,
      adminPassword: testPassword,
    });
    const admin = await findUserByEmail(db, email);
    expect(admin).toMatchObject({
      id: created.adminId,
      accountId: created.accountId,
      role: 'administrator',
      status: 'active',
      allCompanies: true,
    });
    expect(await verifyPassword(admin!.passwordHash, testPassword)).toBe(true);
    expect(
      await count(
        sql`select count(*) as n from companies where id = ${created.companyId} and account_id = ${created.accountId}`,
      ),
    ).toBe(1);
    const audit = await db.execute<{ action: string; actor_type: string; request_id: string }>(
      sql`select action, actor_type, request_id from audit_events where account_id = ${created.accountId} order by id`,
    );
    expect(audit.rows).toEqual(
      ['account.create', 'company.create', 'user.create'].map((action) => ({
        action,
        actor_type: 'system',
        request_id: 'cli',
      })),
    );
  });

  it('takes an e-mail that another account has: e-mails are unique within an account only', async () => {
    const existing = await anAccount(db, { name: 'Taken', companies: 1 });
    const created = await createAccountFromCli(db, {
      accountName: 'Second',
      adminName: 'X',
      adminEmail: existing.admin.email.toUpperCase(),
      adminPassword: testPassword,
    });
    expect(created.accountId).not.toBe(existing.id);
    const both = await usersWithEmail(db, existing.admin.email);
    expect(both.map((u) => u.accountId).sort()).toEqual([existing.id, created.accountId].sort());
  });
});

describe('user reset-password', () => {
  it('sets the given password, ends every session of the user (only) and audits it in the same go', async () => {
    const account = await anAccount(db, { name: 'Reset', companies: 1 });
    const tech = await aUser(db, account, { role: 'technician' });
    for (let i = 0; i < 2; i++)
      await createSession(db, { accountId: account.id, userId: tech.id, ip: null, userAgent: null });
    await createSession(db, { accountId: account.id, userId: account.admin.id, ip: null, userAgent: null });
    const before = (await findUserByEmail(db, tech.email))!.passwordHash;

    const result = await resetPassword(db, { email: tech.email.toUpperCase(), password: 'a brand new password' });

    expect(result).toMatchObject({
      userId: tech.id,
      email: tech.email,
      generated: false,
      sessionsEnded: 2,
      status: 'active',
    });
    const after = (await findUserByEmail(db, tech.email))!.passwordHash;
    expect(after).not.toBe(before);
    expect(await verifyPassword(after, 'a brand new password')).toBe(true);
    expect(await verifyPassword(after, testPassword)).toBe(false);
    expect(await sessionsOf(db, { userId: tech.id })).toEqual([]);
    expect(await sessionsOf(db, { userId: account.admin.id })).toHaveLength(1);
    const audit = await db.execute<Record<string, unknown>>(
      sql`select account_id, actor_type, actor_id, object_type, object_id, after, request_id from audit_events where action = 'user.reset_password' and object_id = ${tech.id}`,
    );
    expect(audit.rows).toEqual([
      {
        account_id: account.id,
        actor_type: 'system',
        actor_id: null,
        object_type: 'user',
        object_id: tech.id,
        after: { email: tech.email, generated: false, sessionsEnded: 2 },
        request_id: 'cli',
      },
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain('a brand new password');
  });

  it('asks which account when users of several accounts have the e-mail, and resets only that one', async () => {
    const first = await anAccount(db, { name: 'Shared one', companies: 1 });
    const second = await createAccountFromCli(db, {
      accountName: 'Shared two',
      adminName: 'Y',
      adminEmail: first.admin.email,
      adminPassword: testPassword,
    });
    const ambiguous = resetPassword(db, { email: first.admin.email, password: 'a brand new password' });
    await expect(ambiguous).rejects.toBeInstanceOf(CliError);
    await expect(ambiguous).rejects.toThrow(
      new RegExp(
        `users of 2 accounts have the e-mail .*say which with --account ID: .*${second.accountId} "Shared two"`,
      ),
    );
    const result = await resetPassword(db, {
      email: first.admin.email,
      password: 'a brand new password',
      accountId: second.accountId,
    });
    expect(result).toMatchObject({ accountId: second.accountId, userId: second.adminId });
    const [one, two] = [first.id, second.accountId].map((id) =>
      usersWithEmail(db, first.admin.email).then((all) => all.find((u) => u.accountId === id)!),
    );
    expect(await verifyPassword((await two)!.passwordHash, 'a brand new password')).toBe(true);
    expect(await verifyPassword((await one)!.passwordHash, testPassword)).toBe(true);
    await expect(
      resetPassword(db, { email: first.admin.email, accountId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toThrow(/no user of the account 00000000-0000-4000-8000-000000000000 has the e-mail/);
    expect(parseUserResetPassword(['--email', first.admin.email, '--account', second.accountId])).toMatchObject({
      accountId: second.accountId,
    });
  });

  it('generates a strong password when none is given', async () => {
    const account = await anAccount(db, { name: 'Generated', companies: 1 });
    const result = await resetPassword(db, { email: account.admin.email });
    expect(result.generated).toBe(true);
    expect(result.password).toMatch(/^[\w-]{24}$/);
    expect(await verifyPassword((await findUserByEmail(db, account.admin.email))!.passwordHash, result.password)).toBe(
      true,
    );
    const second = await resetPassword(db, { email: account.admin.email });
    expect(second.password).not.toBe(result.password);
  });

  it('refuses an unknown e-mail without changing or auditing anything', async () => {
    const events = await count(sql`select count(*) as n from audit_events`);
    await expect(resetPassword(db, { email: 'nobody@example.test' })).rejects.toThrow(
      new CliError('no user has the e-mail nobody@example.test'),
    );
    expect(await count(sql`select count(*) as n from audit_events`)).toBe(events);
  });

  it('validates its arguments (exit code 2, one line per problem)', async () => {
    const r = await runInProcess(['user', 'reset-password', '--email', 'not-an-email', '--password', 'short']);
    expect(r.code).toBe(2);
    expect(errorLinesOf(r.stderr)).toEqual([
      'error: --email: Enter a valid e-mail address',
      'error: --password: Use at least 10 characters',
    ]);
  });
});

describe('account export', () => {
  const secretWords = ['password_hash', 'passwordHash', 'token_hash', 'tokenHash', 'id_hash', 'csrf'];

  async function richAccount() {
    const account = await anAccount(db, { name: 'Export', companies: 3 }); // 3 companies
    const tech = await aUser(db, account, {
      role: 'technician',
      companies: [account.companyIds[1], account.companyIds[2]],
    });
    const viewer = await aUser(db, account, { role: 'viewer', companies: [], status: 'disabled' });
    const tokenHash = sha256(`secret-${account.id}`);
    await insertToken(db, { accountId: account.id, userId: tech.id, name: 'CI', tokenHash, prefix: 'tdm_ab12' });
    await createSession(db, { accountId: account.id, userId: tech.id, ip: '192.0.2.1', userAgent: 'test' });
    return { account, tech, viewer, tokenHash };
  }

  it('writes the account as JSON with the right contents and no secret anywhere', async () => {
    const { account, tech, viewer, tokenHash } = await richAccount();
    const other = await anAccount(db, { name: 'Other', companies: 1 }); // must not leak into the export
    const sink = memorySink();

    const summary = await exportAccount(db, account.id, sink);

    const text = sink.text();
    for (const word of secretWords) expect(text).not.toContain(word);
    expect(text).not.toContain(tokenHash);
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain(other.id);
    const data = JSON.parse(text);
    expect(data).toMatchObject({ format: 'tandem-account-export', version: 1, account: { id: account.id } });
    expect(data.companies.map((c: { id: string }) => c.id).sort()).toEqual([...account.companyIds].sort());
    expect(data.users).toHaveLength(3);
    expect(data.users.find((u: { id: string }) => u.id === tech.id)).toMatchObject({
      email: tech.email,
      role: 'technician',
      allCompanies: false,
      companyIds: [account.companyIds[1], account.companyIds[2]].sort(),
    });
    expect(data.users.find((u: { id: string }) => u.id === viewer.id)).toMatchObject({
      status: 'disabled',
      companyIds: [],
    });
    expect(data.apiTokens).toEqual([
      expect.objectContaining({ userId: tech.id, name: 'CI', prefix: 'tdm_ab12', revokedAt: null, expiresAt: null }),
    ]);
    const auditCount = await count(sql`select count(*) as n from audit_events where account_id = ${account.id}`);
    expect(auditCount).toBeGreaterThan(0);
    expect(data.auditEvents).toHaveLength(auditCount);
    expect(data.auditEvents.map((e: { action: string }) => e.action).slice(0, 3)).toEqual([
      'account.create',
      'company.create',
      'user.create',
    ]);
    expect(summary).toEqual({ accountId: account.id, companies: 3, users: 3, apiTokens: 1, auditEvents: auditCount });
  });

  it('streams a long audit log in batches, oldest first, none lost or repeated', async () => {
    const account = await anAccount(db, { name: 'Busy', companies: 1 });
    const extra = 2 * auditBatchSize + 17;
    await manyAuditEvents(db, account, extra);
    const sink = memorySink();
    const summary = await exportAccount(db, account.id, sink);
    const events = JSON.parse(sink.text()).auditEvents as { id: string; action: string }[];
    expect(events).toHaveLength(extra + 3);
    expect(summary.auditEvents).toBe(extra + 3);
    const ids = events.map((e) => BigInt(e.id));
    expect(ids.every((id, i) => i === 0 || id > nth(ids, i - 1))).toBe(true);
    // the audit events arrived in one chunk per batch, never all at once
    expect(Math.max(...sink.chunks.map((c) => c.length))).toBeLessThan(sink.text().length / 2);
  });

  it('refuses an unknown account before writing anything', async () => {
    const sink = memorySink();
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(exportAccount(db, missing, sink)).rejects.toThrow(new CliError(`no account has the id ${missing}`));
    expect(sink.chunks).toEqual([]);
  });

  it('writes a file readable by its owner only, and leaves no file when it fails', async () => {
    const { account } = await richAccount();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-export-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'export.json');
    await exportToFile(db, account.id, file);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).account.id).toBe(account.id);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await expect(
      exportToFile(db, '00000000-0000-4000-8000-000000000000', path.join(dir, 'missing.json')),
    ).rejects.toBeInstanceOf(CliError);
    expect(fs.readdirSync(dir)).toEqual(['export.json']);
  });
});

describe('command dispatch (in process)', () => {
  it('prints the usage for help, --help and `<command> --help`, exit 0', async () => {
    for (const argv of [['help'], ['--help'], ['-h'], ['account', 'create', '--help']]) {
      const r = await runInProcess(argv);
      expect(r).toEqual({ code: 0, stdout: usage, stderr: '' });
    }
  });

  it('refuses a missing or unknown command with the usage on stderr, exit 2', async () => {
    for (const [argv, message] of [
      [[], 'error: no command given'],
      [['account', 'delete'], 'error: unknown command "account delete"'],
      [['frobnicate'], 'error: unknown command "frobnicate"'],
    ] as const) {
      const r = await runInProcess([...argv]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(`${message}\n`)).toBe(true);
      expect(r.stderr).toContain(usage);
    }
  });

  it('shows errors as one line each, the stack only with DEBUG=1', () => {
    const wrapped = new DrizzleQueryError('select *\nfrom nowhere', [], new Error('relation "nowhere" does not exist'));
    expect(errorLines(wrapped, false)).toEqual(['error: relation "nowhere" does not exist']);
    expect(errorLines(wrapped, true)).toHaveLength(2);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(errorLines(new AggregateError([refused, refused]), false)).toEqual([
      'error: connect ECONNREFUSED 127.0.0.1:1',
    ]);
    expect(errorLines(new UsageError(['a', 'b']), true)).toEqual([
      'error: a',
      'error: b',
      expect.stringContaining('UsageError'),
    ]);
  });

  it('reports a bad configuration as one error, exit 1', async () => {
    const r = await runInProcess(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: Tandem cannot start, the configuration has problems:\n {2}- DATABASE_URL: must start with postgres/,
    );
  });

  it('migrate says the database is up to date', async () => {
    const r = await runInProcess(['migrate'], { DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^database already up to date \(\d+ migrations\)\n$/);
  });

  it('exports to standard output only the JSON; the summary goes to stderr', async () => {
    const account = await anAccount(db, { name: 'Stdout', companies: 1 });
    const r = await runInProcess(['account', 'export', '--account', account.id], {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'silent',
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).account.id).toBe(account.id);
    expect(r.stderr).toBe(
      `tandem: account ${account.id} exported (1 companies, 1 users, 0 API tokens, 3 audit events)\n`,
    );
  });
});

describe('the command as a child process, on DATABASE_URL', () => {
  const env = () => childEnv({ DATABASE_URL: database.url });

  it('account create: exit 0, the ids on stdout, the rows in the database', { timeout: 60_000 }, async () => {
    const email = uniqueEmail('child');
    const r = await runChild(
      ['account', 'create', '--name', 'Child Co', '--admin-email', email, '--admin-password', 'a long enough password'],
      env(),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^account id: [0-9a-f-]{36}\ncompany id: [0-9a-f-]{36}\nadministrator id: [0-9a-f-]{36}\n$/,
    );
    const admin = only(await usersWithEmail(db, email));
    expect(admin.accountId).toBe(idOf(r.stdout, 'account id'));
    expect(admin.id).toBe(idOf(r.stdout, 'administrator id'));
    expect(errorLinesOf(r.stderr)).toEqual([]);

    // a second account may have the same e-mail; a reset of it must then name the account:
    // the refusal is one line on stderr, no stack trace, exit 1
    await createAccountFromCli(db, {
      accountName: 'Child Co 2',
      adminName: 'Z',
      adminEmail: email,
      adminPassword: testPassword,
    });
    const again = await runChild(['user', 'reset-password', '--email', email], env());
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(errorLinesOf(again.stderr)).toEqual([
      expect.stringMatching(/^error: users of 2 accounts have the e-mail .* say which with --account ID: /),
    ]);
    expect(again.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad argument: exit 2 and the message, before touching the database', { timeout: 60_000 }, async () => {
    const r = await runChild(
      ['account', 'create', '--name', 'X', '--admin-email', 'nope', '--admin-password', 'a long enough password'],
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(errorLinesOf(r.stderr)).toEqual(['error: --admin-email: Enter a valid e-mail address']);
    expect(r.stderr).not.toContain('database:');
  });

  it('user reset-password prints a generated password once, which then works', { timeout: 60_000 }, async () => {
    const account = await anAccount(db, { name: 'ChildReset', companies: 1 });
    const r = await runChild(['user', 'reset-password', '--email', account.admin.email], env());
    expect(r.code, r.stderr).toBe(0);
    const password = /^new password: (\S+)\n$/.exec(r.stdout)?.[1];
    expect(password).toBeDefined();
    expect(await verifyPassword((await findUserByEmail(db, account.admin.email))!.passwordHash, password!)).toBe(true);

    const unknown = await runChild(['user', 'reset-password', '--email', 'nobody@example.test'], env());
    expect(unknown.code).toBe(1);
    expect(errorLinesOf(unknown.stderr)).toEqual(['error: no user has the e-mail nobody@example.test']);
  });
});

/** Live processes whose working directory is `clusterDir`: a postmaster and its children. */
function postgresProcessesOf(clusterDir: string): number[] {
  const real = fs.existsSync(clusterDir) ? fs.realpathSync(clusterDir) : clusterDir;
  return fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return fs.readlinkSync(`/proc/${p}/cwd`) === real;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('the command on an embedded PostgreSQL (no DATABASE_URL)', () => {
  it(
    'on a fresh data folder: starts its own server, creates, exports, and leaves no server behind',
    { timeout: 180_000 },
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-'));
      afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      const env = childEnv({ TANDEM_DATA_DIR: dataDir });

      const created = await runChild(
        [
          'account',
          'create',
          '--name',
          'Embedded Co',
          '--admin-email',
          'ada@embedded.test',
          '--admin-password',
          'a long enough password',
        ],
        env,
      );
      expect(created.code, created.stderr).toBe(0);
      expect(created.stderr).toContain('tandem: embedded PostgreSQL ready');
      expect(created.stderr).toContain('tandem: embedded PostgreSQL stopped');
      const accountId = idOf(created.stdout, 'account id')!;
      expect(accountId).toBeDefined();

      const exported = await runChild(['account', 'export', '--account', accountId], env);
      expect(exported.code, exported.stderr).toBe(0);
      const data = JSON.parse(exported.stdout);
      expect(data.account).toMatchObject({ id: accountId, name: 'Embedded Co' });
      expect(data.users.map((u: { email: string }) => u.email)).toEqual(['ada@embedded.test']);
      expect(data.auditEvents).toHaveLength(3);

      expect(postgresProcessesOf(path.join(dataDir, 'postgres'))).toEqual([]);
      expect(fs.existsSync(path.join(dataDir, 'tandem.pid'))).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    },
  );

  it("uses a running Tandem's embedded server and leaves it running", { timeout: 180_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-'));
    afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    // this test process plays the running Tandem: it owns the folder and its server
    const owner = await startEmbeddedPostgres({ dataDir, mode: 'owner', extraFlags: ['fsync=off'] });
    try {
      const r = await runChild(['migrate'], childEnv({ TANDEM_DATA_DIR: dataDir }));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('connected to the PostgreSQL of the running Tandem');
      expect(r.stdout).toMatch(/^applied \d+ migration\(s\); database up to date/);
      expect(postgresProcessesOf(path.join(dataDir, 'postgres')).length).toBeGreaterThan(0);
    } finally {
      await owner.stop();
    }
  });
});

describe('user reset-password and the password policy', () => {
  it('refuses a password shorter than the account’s security.passwordMinLength, and generates long enough ones', async () => {
    const created = await createAccountFromCli(db, {
      accountName: 'Policy',
      adminName: 'Pol',
      adminEmail: 'policy-cli@example.test',
      adminPassword: 'a long enough password',
    });
    await anAccountSetting(db, { id: created.accountId }, 'security.passwordMinLength', 32);
    await expect(
      resetPassword(db, { email: 'policy-cli@example.test', password: 'twenty-two characters!' }),
    ).rejects.toThrow(/at least 32 characters/);
    const generated = await resetPassword(db, { email: 'policy-cli@example.test' });
    expect(generated.password.length).toBeGreaterThanOrEqual(32);
  });
});
