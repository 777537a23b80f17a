import type { CsvImportReport, ImportProblemCode, ImportRow } from '../../../shared/contracts/users.js';
import { emailSchema } from '../../../shared/contracts/common.js';
import { translations } from '../../../shared/i18n/index.js';
import { limits } from '../../../shared/limits.js';
import { languages, type Language } from '../../../shared/locales.js';
import { roles, type Role } from '../../../shared/permissions.js';
import type { Actor } from '../../platform/authz.js';
import type { Queryable } from '../../platform/db/pool.js';
import type { PlainProblemCode, Problem } from '../../../shared/field-problems.js';
import { AppError, fieldProblem } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { translatingEmailConflicts } from './access.js';
import { CsvSyntaxError, parseCsv } from './csv-records.js';
import { inviteUser, type InviteSpec } from './invitations.js';
import { findUser } from '../users/index.js';
import { accountCompanies, takenEmails } from './repository.js';
import type { UsersDeps } from './service.js';
import { findAccount } from '../accounts/index.js';

const columns = ['email', 'name', 'role', 'companies'] as const;
type Column = (typeof columns)[number] | 'language';

interface RawRow {
  line: number;
  email: string;
  name: string;
  role: string;
  companies: string;
  language: string;
}

const fileProblem = (problem: PlainProblemCode | Problem, message: string) =>
  new AppError('validation_failed', message, [fieldProblem('csv', problem, message)]);

/** A row's problem as a field problem, in the 400 that refuses an import. */
const rowProblemOf: Record<ImportProblemCode, Problem> = {
  invalid_email: { code: 'invalid_email' },
  duplicate_in_file: { code: 'duplicate' },
  already_user: { code: 'taken' },
  missing_name: { code: 'required' },
  name_too_long: { code: 'too_long', params: { max: limits.name } },
  unknown_role: { code: 'invalid_choice', params: { options: [...roles] } },
  missing_companies: { code: 'required' },
  unknown_company: { code: 'not_found' },
  unknown_language: { code: 'invalid_choice', params: { options: [...languages] } },
};

/** Reads the file into rows by column name; problems with the file as a whole are a 400. */
function readRows(csv: string): RawRow[] {
  let records;
  try {
    records = parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw fileProblem('unreadable_file', error.message);
    throw error;
  }
  const [header, ...body] = records;
  if (!header)
    throw fileProblem(
      'empty_file',
      'The file is empty. Its first line names the columns: email, name, role, companies.',
    );
  const positions = new Map<Column, number>();
  header.cells.forEach((cell, i) => {
    const name = cell.trim().toLowerCase() as Column;
    if ((columns as readonly string[]).includes(name) || name === 'language') positions.set(name, i);
  });
  const missing = columns.filter((c) => !positions.has(c));
  if (missing.length)
    throw fileProblem(
      { code: 'missing_columns', params: { columns: missing } },
      `The first line must name the columns email, name, role and companies; missing: ${missing.join(', ')}.`,
    );
  if (body.length === 0) throw fileProblem('empty_file', 'The file has no rows after its header line.');
  if (body.length > limits.csvImportRows)
    throw fileProblem(
      { code: 'too_many', params: { max: limits.csvImportRows } },
      `The file has ${body.length} rows; import at most ${limits.csvImportRows} at a time.`,
    );
  const cell = (cells: string[], column: Column) => {
    const i = positions.get(column);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  return body.map((r) => ({
    line: r.line,
    email: cell(r.cells, 'email'),
    name: cell(r.cells, 'name'),
    role: cell(r.cells, 'role'),
    companies: cell(r.cells, 'companies'),
    language: cell(r.cells, 'language'),
  }));
}

/** Role codes, and the role names people read in either language, any case. */
const roleWords = new Map<string, Role>(
  roles.flatMap((role) => [
    [role, role] as const,
    ...languages.map((l) => [translations[l].roles[role].toLowerCase(), role] as const),
  ]),
);
roleWords.set('admin', 'administrator');

interface Checked {
  rows: ImportRow[];
  specs: InviteSpec[];
}

const echo = (value: string) => value.slice(0, 500);

/** Checks every row against the file itself, the account's users and the account's companies. */
async function checkRows(
  db: Queryable,
  actor: Actor,
  raw: RawRow[],
  defaults: { language: Language; timeZone: string },
): Promise<Checked> {
  const companies = await accountCompanies(db, actor.accountId, null);
  const companyByName = new Map(companies.map((c) => [c.name.trim().toLowerCase(), c.id]));
  const parsedRows = raw.map((r) => ({ r, parsed: emailSchema.safeParse(r.email) }));
  const taken = await takenEmails(
    db,
    actor.accountId,
    parsedRows.flatMap(({ parsed }) => (parsed.success ? [parsed.data] : [])),
  );
  const firstLine = new Map<string, number>();
  const rows: ImportRow[] = [];
  const specs: InviteSpec[] = [];

  parsedRows.forEach(({ r, parsed }) => {
    const problems: ImportRow['problems'] = [];
    const problem = (field: string, code: ImportProblemCode, message: string, value?: string) =>
      problems.push({ field, code, message, ...(value !== undefined ? { value: echo(value) } : {}) });

    const email = parsed.success ? parsed.data : '';
    if (!parsed.success)
      problem(
        'email',
        'invalid_email',
        r.email ? 'This is not a valid e-mail address.' : 'The e-mail address is missing.',
        r.email,
      );
    else if (firstLine.has(email))
      problem(
        'email',
        'duplicate_in_file',
        `This e-mail address is already on line ${firstLine.get(email)}.`,
        String(firstLine.get(email)),
      );
    else if (taken.has(email)) problem('email', 'already_user', 'A user with this e-mail address already exists.');
    if (parsed.success && !firstLine.has(email)) firstLine.set(email, r.line);

    if (!r.name) problem('name', 'missing_name', 'The name is missing.');
    else if (r.name.length > limits.name)
      problem('name', 'name_too_long', `The name is longer than ${limits.name} characters.`, String(limits.name));

    const role = roleWords.get(r.role.toLowerCase());
    if (!role) problem('role', 'unknown_role', 'The role must be administrator, technician or viewer.', r.role);

    let allCompanies = role === 'administrator';
    const companyIds: string[] = [];
    if (!allCompanies) {
      const names = r.companies
        .split(';')
        .map((n) => n.trim())
        .filter(Boolean);
      if (names.length === 1 && names[0]?.toLowerCase() === 'all') allCompanies = true;
      else if (names.length === 0)
        problem('companies', 'missing_companies', 'Name at least one company, separated by semicolons, or write all.');
      else
        for (const name of names) {
          const id = companyByName.get(name.toLowerCase());
          if (id) companyIds.push(id);
          else
            problem('companies', 'unknown_company', `There is no company named “${echo(name)}” in this account.`, name);
        }
    }

    let language = defaults.language;
    if (r.language) {
      const wanted = r.language.toLowerCase();
      if ((languages as readonly string[]).includes(wanted)) language = wanted as Language;
      else problem('language', 'unknown_language', `The language must be one of ${languages.join(', ')}.`, r.language);
    }

    rows.push({
      line: r.line,
      email: echo(r.email),
      name: echo(r.name),
      role: echo(r.role),
      companies: echo(r.companies),
      problems,
    });
    if (problems.length === 0 && role) {
      specs.push({
        email,
        name: r.name,
        role,
        allCompanies,
        companyIds: [...new Set(companyIds)].sort(),
        language,
        timeZone: defaults.timeZone,
      });
    }
  });
  return { rows, specs };
}

/**
 * Imports users from CSV. A dry run reports every row's problems and writes nothing. Applying
 * checks again inside one transaction and invites every row, or refuses if any row has a problem.
 */
export async function importUsers(
  { db, config }: UsersDeps,
  ctx: RequestContext,
  actor: Actor,
  input: { csv: string; dryRun: boolean },
): Promise<CsvImportReport> {
  const raw = readRows(input.csv);
  const self = await findUser(db, actor.accountId, actor.userId);
  const defaults = {
    language: ((self?.language as Language | undefined) ?? 'en') as Language,
    timeZone: self?.timeZone ?? 'UTC',
  };

  if (input.dryRun) {
    const { rows } = await checkRows(db, actor, raw, defaults);
    return { dryRun: true, valid: rows.every((r) => r.problems.length === 0), created: 0, rows };
  }

  return translatingEmailConflicts(
    () =>
      db.transaction(async (tx) => {
        const { rows, specs } = await checkRows(tx, actor, raw, defaults);
        const bad = rows.filter((r) => r.problems.length > 0);
        if (bad.length > 0) {
          throw new AppError(
            'validation_failed',
            `${bad.length} of ${rows.length} rows have problems, so nothing was imported. Correct them (a dry run lists them) and try again.`,
            bad.flatMap((r) =>
              r.problems.map((p) => fieldProblem(`rows.${r.line}.${p.field}`, rowProblemOf[p.code], p.message)),
            ),
          );
        }
        const account = await findAccount(tx, actor.accountId);
        const inviter = { ctx, actor, config, accountName: account?.name ?? '' };
        for (const spec of specs) await inviteUser(tx, inviter, spec);
        return { dryRun: false, valid: true, created: specs.length, rows };
      }),
    'csv',
  );
}
