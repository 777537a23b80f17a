import { describe, expect, it } from 'vitest';
import type { CsvImportReport } from '../../src/shared/contracts/users.js';
import { call, createTestApp, type Caller } from '../support/test-app.js';
import {
  anAccount,
  aUser,
  first as firstOf,
  nth,
  renameCompany,
  type TestAccount,
  outboxRowsTo,
  uniqueEmail,
} from '../support/builders/index.js';
import { fingerprint } from './authorization/fingerprint.js';
import { sessionOf } from './users-support.js';

const { app, database } = await createTestApp();
const db = database.db;

async function setting(): Promise<{
  account: TestAccount<[string, string]>;
  admin: Caller;
  first: string;
  second: string;
}> {
  const account = await anAccount(db, { name: 'Importer', companies: 2 });
  const names = await database.pool.query<{ id: string; name: string }>(
    'select id, name from companies where account_id = $1',
    [account.id],
  );
  const nameOf = (id: string) => names.rows.find((r) => r.id === id)!.name;
  await renameCompany(db, account.companyIds[1], 'North Site');
  return {
    account,
    admin: await sessionOf(database, account.admin),
    first: nameOf(account.companyIds[0]),
    second: 'North Site',
  };
}

const importCsv = (caller: Caller, csv: string, dryRun: boolean) =>
  call(app, caller, { method: 'POST', url: '/api/v1/users/import', payload: { csv, dryRun } });

const problemsOf = (report: CsvImportReport) =>
  report.rows.map((r) => [r.line, r.problems.map((p) => `${p.field}:${p.code}`).join(' ')]);

describe('CSV import, dry run', () => {
  it('reports every row’s problems and writes nothing', async () => {
    const { account, admin, first } = await setting();
    const existing = await aUser(db, account, { role: 'technician' });
    const other = await anAccount(db, { name: 'Elsewhere', companies: 1 });
    const dup = uniqueEmail('dup');
    const csv = [
      'Email,Name,Role,Companies',
      `${uniqueEmail('good')},Good Person,technician,${first}`,
      'not-an-email,Bad Mail,viewer,all',
      `${dup},First Copy,viewer,all`,
      `${dup.toUpperCase()},Second Copy,viewer,all`,
      `${existing.email},Already Here,viewer,all`,
      `${other.admin.email},Other Account,viewer,all`,
      `${uniqueEmail('person')},,technician,all`,
      `${uniqueEmail('person')},No Role,superuser,all`,
      `${uniqueEmail('person')},No Company,technician,`,
      `${uniqueEmail('person')},Unknown Company,technician,${first};Atlantis`,
      `${uniqueEmail('person')},Bad Language,viewer,all,klingon`,
      `${uniqueEmail('person')},${'x'.repeat(121)},viewer,all`,
    ].join('\n');
    const withLanguage = csv.replace('Email,Name,Role,Companies', 'Email,Name,Role,Companies,Language');
    const before = await fingerprint(db);
    const res = await importCsv(admin, withLanguage, true);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as CsvImportReport;
    expect(report).toMatchObject({ dryRun: true, valid: false, created: 0 });
    expect(problemsOf(report)).toEqual([
      [2, ''],
      [3, 'email:invalid_email'],
      [4, ''],
      [5, 'email:duplicate_in_file'],
      [6, 'email:already_user'],
      // another account's user: nothing to say (e-mails are unique within an account)
      [7, ''],
      [8, 'name:missing_name'],
      [9, 'role:unknown_role'],
      [10, 'companies:missing_companies'],
      [11, 'companies:unknown_company'],
      [12, 'language:unknown_language'],
      [13, 'name:name_too_long'],
    ]);
    expect(firstOf(nth(report.rows, 3).problems).message).toBe('This e-mail address is already on line 4.');
    expect(firstOf(nth(report.rows, 9).problems)).toMatchObject({
      value: 'Atlantis',
      message: 'There is no company named “Atlantis” in this account.',
    });
    expect(await fingerprint(db)).toBe(before);
  });

  it('says a clean file is valid, still writing nothing', async () => {
    const { admin, first, second } = await setting();
    const csv = `email,name,role,companies\n${uniqueEmail('person')},One,technician,"${first}; ${second.toUpperCase()}"\n${uniqueEmail('person')},Two,Administrateur,\n`;
    const before = await fingerprint(db);
    const res = await importCsv(admin, csv, true);
    expect(res.json()).toMatchObject({ dryRun: true, valid: true, created: 0 });
    expect(await fingerprint(db)).toBe(before);
  });

  it('reads a line break inside quotes and still reports each row on the line it starts', async () => {
    const { admin } = await setting();
    const csv = `\uFEFFemail,name,role,companies\r\n${uniqueEmail('person')},"Two\r\nLines",viewer,all\r\n\r\nnot-an-email,"Three\nmore\nlines",viewer,all\r\n${uniqueEmail('person')},Last,viewer,nowhere\r\n`;
    const res = await importCsv(admin, csv, true);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as CsvImportReport;
    expect(problemsOf(report)).toEqual([
      [2, ''],
      [5, 'email:invalid_email'],
      [8, 'companies:unknown_company'],
    ]);
    expect(firstOf(report.rows).name).toBe('Two\r\nLines');
  });

  it('refuses files it cannot read as a whole, with a clear 400', async () => {
    const { admin } = await setting();
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['email,name,role\nx@example.test,X,viewer', /missing: companies/],
      ['email,name,role,companies\n', /no rows/],
      ['email,name,role,companies\n"x@example.test,X,viewer,all', /never closed/],
      [
        'email,name,role,companies\nx@example.test,"X"Y,viewer,all',
        /line 2, a quoted value is followed by other characters/,
      ],
      [
        `email,name,role,companies\n${Array.from({ length: 1001 }, (_, i) => `p${i}@example.test,P,viewer,all`).join('\n')}`,
        /at most 1000/,
      ],
    ];
    for (const [csv, message] of cases) {
      const res = await importCsv(admin, csv, true);
      expect(res.statusCode, csv.slice(0, 40)).toBe(400);
      expect(res.json().error.message).toMatch(message);
    }
    // over 1 MB of CSV: refused on its field; far over, the whole request is too large
    const big = await importCsv(admin, `email,name,role,companies\n${'x'.repeat(1_000_000)}`, true);
    expect(big.statusCode).toBe(400);
    expect(big.json().error.details[0].path).toBe('csv');
    const huge = await importCsv(admin, `email,name,role,companies\n${'x'.repeat(1_100_000)}`, true);
    expect(huge.statusCode).toBe(413);
  });
});

describe('CSV import, applied', () => {
  it('invites every row in one go, with access, invitations and e-mails', async () => {
    const { account, admin, first, second } = await setting();
    const [a, b, c] = [uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('c')];
    // semicolon-separated, as spreadsheets in French write it, with a byte-order mark and quotes
    const csv = `\uFEFFemail;name;role;companies;language\r\n${a};"Anne; the first";Technicien;"${first};${second}";fr\r\n${b};Ben;viewer;all;\r\n\r\n${c};Cat;administrator;;en\r\n`;
    const res = await importCsv(admin, csv, false);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, valid: true, created: 3 });
    const users = await database.pool.query<{
      email: string;
      name: string;
      role: string;
      status: string;
      all_companies: boolean;
      language: string;
      companies: string[];
    }>(
      `select email, name, role, status, all_companies, language,
              coalesce((select array_agg(company_id::text order by company_id) from user_companies uc where uc.user_id = u.id), '{}') as companies
         from users u where email = any($1) order by email`,
      [[a, b, c]],
    );
    expect(users.rows).toEqual([
      {
        email: a,
        name: 'Anne; the first',
        role: 'technician',
        status: 'invited',
        all_companies: false,
        language: 'fr',
        companies: [...account.companyIds].sort(),
      },
      { email: b, name: 'Ben', role: 'viewer', status: 'invited', all_companies: true, language: 'en', companies: [] },
      {
        email: c,
        name: 'Cat',
        role: 'administrator',
        status: 'invited',
        all_companies: true,
        language: 'en',
        companies: [],
      },
    ]);
    expect(firstOf(await outboxRowsTo(database.db, a)).subject).toMatch(/vous invite/);
    expect(firstOf(await outboxRowsTo(database.db, b)).subject).toMatch(/invited you/);
    const invitations = await database.pool.query(`select count(*)::int as n from invitations where account_id = $1`, [
      account.id,
    ]);
    expect(invitations.rows[0].n).toBe(3);
    const audit = await database.pool.query(
      `select count(*)::int as n from audit_events where account_id = $1 and action = 'user.invite'`,
      [account.id],
    );
    expect(audit.rows[0].n).toBe(3);
  });

  it('refuses the whole file when one row has a problem: all or nothing', async () => {
    const { admin, first } = await setting();
    const csv = `email,name,role,companies\n${uniqueEmail('person')},Fine,technician,${first}\n${uniqueEmail('person')},Broken,technician,Nowhere\n`;
    const before = await fingerprint(db);
    const res = await importCsv(admin, csv, false);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/1 of 2 rows have problems, so nothing was imported/);
    expect(res.json().error.details).toEqual([
      { path: 'rows.3.companies', code: 'not_found', message: 'There is no company named “Nowhere” in this account.' },
    ]);
    expect(await fingerprint(db)).toBe(before);
  });

  it('checks again when applying: someone invited meanwhile makes it refuse', async () => {
    const { admin } = await setting();
    const email = uniqueEmail('late');
    const csv = `email,name,role,companies\n${email},Late,viewer,all\n`;
    expect((await importCsv(admin, csv, true)).json().valid).toBe(true);
    await call(app, admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email, name: 'Quick', role: 'viewer', companyIds: 'all' },
    });
    const res = await importCsv(admin, csv, false);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'rows.2.email' });
  });

  it('refuses technicians and viewers with 403, dry run included', async () => {
    const { account } = await setting();
    const csv = `email,name,role,companies\n${uniqueEmail('person')},X,viewer,all\n`;
    for (const role of ['technician', 'viewer'] as const) {
      const caller = await sessionOf(database, await aUser(db, account, { role }));
      expect((await importCsv(caller, csv, true)).statusCode).toBe(403);
      expect((await importCsv(caller, csv, false)).statusCode).toBe(403);
    }
  });

  it('round-trips an export: its file imports into another account', async () => {
    const source = await setting();
    await aUser(db, source.account, { role: 'technician', companies: [source.account.companyIds[1]] });
    const exported = await call(app, source.admin, { method: 'GET', url: '/api/v1/users/export.csv?role=technician' });
    const target = await anAccount(db, { name: 'Target', companies: 1 });
    await renameCompany(db, target.companyIds[0], 'North Site');
    const targetAdmin = await sessionOf(database, target.admin);
    // e-mails are unique within an account: the same people import into another one
    const res = await importCsv(targetAdmin, exported.body, true);
    expect(res.statusCode, res.body).toBe(200);
    expect(problemsOf(res.json())).toEqual([[2, '']]);
    expect(res.json()).toMatchObject({ valid: true });
  });
});
