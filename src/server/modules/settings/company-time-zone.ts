import type { Queryable } from '../../platform/db/pool.js';
import { loadSettings } from './resolver.js';

/** A company's time zone as its settings say (`general.timeZone`): the companies module is given it to present a company. */
export async function companyTimeZone(db: Queryable, accountId: string, companyId: string): Promise<string> {
  return (await loadSettings(db, accountId, [companyId])).get('general.timeZone', companyId);
}
