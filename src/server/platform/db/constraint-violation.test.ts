import { describe, expect, it } from 'vitest';
import { isForeignKeyViolation, isUniqueViolation } from './constraint-violation.js';

/** What the driver throws, as drizzle wraps it: the PostgreSQL error is a `cause` down. */
const wrapped = (code: string, constraint?: string) =>
  new Error('Failed query: delete from companies', { cause: Object.assign(new Error('pg'), { code, constraint }) });

describe('constraint violations under the driver and the ORM', () => {
  it('finds a unique violation of the named index only', () => {
    expect(isUniqueViolation(wrapped('23505', 'companies_account_name_key'), 'companies_account_name_key')).toBe(true);
    expect(isUniqueViolation(wrapped('23505', 'users_email_key'), 'companies_account_name_key')).toBe(false);
    expect(isUniqueViolation(wrapped('23503', 'companies_account_name_key'), 'companies_account_name_key')).toBe(false);
  });

  it('finds a foreign key violation, and nothing in errors that are not PostgreSQL’s', () => {
    expect(isForeignKeyViolation(wrapped('23503', 'devices_company_id_fkey'))).toBe(true);
    expect(isForeignKeyViolation(wrapped('23505'))).toBe(false);
    expect(isForeignKeyViolation(Object.assign(new Error('fs'), { code: 'ENOENT' }))).toBe(false);
    expect(isForeignKeyViolation(null)).toBe(false);
    expect(isUniqueViolation('text', 'x')).toBe(false);
  });
});
