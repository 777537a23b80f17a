import type { Role } from '../../../shared/permissions.js';
import type { Queryable } from '../../platform/db/pool.js';
import { isUniqueViolation } from '../../platform/db/constraint-violation.js';
import { AppError, fieldProblem } from '../../platform/http/app-error.js';
import { accountCompanies } from './repository.js';

export interface CompanyAccess {
  allCompanies: boolean;
  /** empty when allCompanies */
  companyIds: string[];
}

/**
 * Resolves the company access asked for a user of `role`: administrators always have every
 * company; others "all" or a non-empty list of the account's own companies. An id that is not
 * one of the account's companies is a field error, whatever account it may belong to.
 */
export async function resolveCompanyAccess(
  db: Queryable,
  accountId: string,
  role: Role,
  input: 'all' | readonly string[],
  path = 'companyIds',
): Promise<CompanyAccess> {
  if (role === 'administrator' || input === 'all') return { allCompanies: true, companyIds: [] };
  const ids = [...new Set(input)];
  if (ids.length === 0)
    throw new AppError('validation_failed', 'Some fields are not valid.', [
      { path, code: 'too_few', params: { min: 1 }, message: 'Choose at least one company' },
    ]);
  const found = new Set((await accountCompanies(db, accountId, ids)).map((c) => c.id));
  const problems = input.flatMap((id, i) =>
    found.has(id) ? [] : [fieldProblem(`${path}.${i}`, 'not_found', 'This company does not exist.')],
  );
  if (problems.length) throw new AppError('validation_failed', 'Some fields are not valid.', problems);
  return { allCompanies: false, companyIds: ids.sort() };
}

export const emailTakenMessage = 'A user with this e-mail address already exists.';

export const emailTaken = (path = 'email') =>
  new AppError('conflict', emailTakenMessage, [fieldProblem(path, 'taken', emailTakenMessage)]);

/** True for PostgreSQL's unique violation of the e-mail index (unique within an account), however wrapped. */
export function isEmailUniqueViolation(error: unknown): boolean {
  return isUniqueViolation(error, 'users_account_email_key');
}

/** Runs a write; a race on the e-mail index becomes the same 409 field error as the early check. */
export async function translatingEmailConflicts<T>(work: () => Promise<T>, path = 'email'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isEmailUniqueViolation(error)) throw emailTaken(path);
    throw error;
  }
}
