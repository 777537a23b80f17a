import type { Queryable } from '../../platform/db/pool.js';
import { fieldError } from '../../platform/http/app-error.js';
import { existingCompanyIds } from './repository.js';

/**
 * A "companies" field of a contact, an alert rule or a report schedule: "all", or a list of the
 * account's companies (duplicates dropped). An unknown or foreign id, or an empty list, is a field error.
 */
export async function checkedCompanies(
  tx: Queryable,
  accountId: string,
  companyIds: 'all' | string[],
): Promise<{ all: boolean; ids: string[] }> {
  if (companyIds === 'all') return { all: true, ids: [] };
  const ids = [...new Set(companyIds)];
  if (ids.length === 0)
    throw fieldError(
      'companyIds',
      { code: 'too_few', params: { min: 1 } },
      'Choose at least one company, or all companies.',
    );
  const known = await existingCompanyIds(tx, accountId, ids);
  const unknown = ids.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw fieldError(`companyIds.${unknown}`, 'not_found', 'This company does not exist.');
  return { all: false, ids };
}
