import type { UserFilter } from '../../../shared/contracts/users.js';
import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { csvRow } from '../../platform/http/csv.js';
import { visibleCompanyIds } from './policy.js';
import { accountCompanies, companyIdsOf } from './repository.js';
import { userSeats } from '../seats/index.js';
import { allMatchingUsers, assertCompanyVisible } from './service.js';

/** The first four columns are the import's: an export can be edited and imported elsewhere. */
export const userCsvHeader = [
  'email',
  'name',
  'role',
  'companies',
  'language',
  'time_zone',
  'status',
  'seats',
  'created_at',
];

/**
 * The users matching the filters as CSV lines, header first. Company names are joined by `;`
 * (`all` for every company) and limited to the companies the actor can see; `csvRow` neutralises
 * anything a spreadsheet would run as a formula.
 */
export async function* userCsvLines(db: Db, actor: Actor, filter: UserFilter): AsyncGenerator<string> {
  if (filter.companyId) await assertCompanyVisible(db, actor, filter.companyId);
  const companies = await accountCompanies(db, actor.accountId, actor.allCompanies ? null : actor.companyIds);
  const nameOf = new Map(companies.map((c) => [c.id, c.name]));
  yield csvRow(userCsvHeader);
  for await (const batch of allMatchingUsers(db, actor, filter)) {
    const ids = batch.map((u) => u.id);
    const [access, seats] = [await companyIdsOf(db, actor.accountId, ids), await userSeats(db, actor.accountId, ids)];
    for (const user of batch) {
      const all = user.allCompanies || user.role === 'administrator';
      const names = all
        ? 'all'
        : visibleCompanyIds(actor, access.get(user.id) ?? [])
            .map((id) => nameOf.get(id) ?? id)
            .join(';');
      yield csvRow([
        user.email,
        user.name,
        user.role,
        names,
        user.language,
        user.timeZone,
        user.status,
        (seats.get(user.id) ?? []).join(';'),
        user.createdAt.toISOString(),
      ]);
    }
  }
}
