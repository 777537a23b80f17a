import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { accountLicences } from './tables.js';

export type LicenceRow = typeof accountLicences.$inferSelect;

/**
 * The account's licence. `forUpdate` locks the row until the transaction ends: every change of
 * seats or counts (and every device enrolment) takes this lock first, so checks against the count cannot race.
 */
export async function findLicence(
  db: Queryable,
  accountId: string,
  { forUpdate = false } = {},
): Promise<LicenceRow | null> {
  const query = db.select().from(accountLicences).where(eq(accountLicences.accountId, accountId)).limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}
