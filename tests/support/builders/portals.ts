import { eq } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { portals } from '../../../src/server/modules/portals/tables.js';

/** The address of a company's customer portal (every company gets one when it is created). */
export async function slugOf(db: Db, companyId: string): Promise<string> {
  const [row] = await db.select({ slug: portals.slug }).from(portals).where(eq(portals.companyId, companyId));
  if (!row) throw new Error(`company ${companyId} has no portal`);
  return row.slug;
}
