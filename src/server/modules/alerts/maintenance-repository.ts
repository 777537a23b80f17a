import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import { alertFirings, maintenanceWindows } from './tables.js';

export type MaintenanceWindowRow = typeof maintenanceWindows.$inferSelect & {
  companyName: string;
  heldAlerts: number;
  droppedAlerts: number;
};

/** Windows shown at most in one list. */
export const maintenanceListMax = 200;

const fields = {
  window: maintenanceWindows,
  companyName: companies.name,
  heldAlerts: sql<number>`(select count(*)::int from ${alertFirings} f where f.maintenance_window_id = ${maintenanceWindows.id} and f.state in ('held', 'summarized'))`,
  droppedAlerts: sql<number>`(select count(*)::int from ${alertFirings} f where f.maintenance_window_id = ${maintenanceWindows.id} and f.state = 'dropped')`,
};

const flatten = (r: {
  window: typeof maintenanceWindows.$inferSelect;
  companyName: string;
  heldAlerts: number;
  droppedAlerts: number;
}): MaintenanceWindowRow => ({
  ...r.window,
  companyName: r.companyName,
  heldAlerts: r.heldAlerts,
  droppedAlerts: r.droppedAlerts,
});

const visibleTo = (companyIds: readonly string[] | null) =>
  companyIds === null
    ? undefined
    : companyIds.length
      ? inArray(maintenanceWindows.companyId, [...companyIds])
      : sql`false`;

/** The windows of an account the caller may see (their companies), upcoming and current first by start, or the ended ones latest first. */
export async function listWindows(
  db: Queryable,
  accountId: string,
  visible: readonly string[] | null,
  { companyId, when, now }: { companyId?: string; when: 'current' | 'ended'; now: Date },
): Promise<MaintenanceWindowRow[]> {
  const rows = await db
    .select(fields)
    .from(maintenanceWindows)
    .innerJoin(companies, eq(companies.id, maintenanceWindows.companyId))
    .where(
      and(
        eq(maintenanceWindows.accountId, accountId),
        visibleTo(visible),
        companyId ? eq(maintenanceWindows.companyId, companyId) : undefined,
        when === 'current' ? gt(maintenanceWindows.endsAt, now) : lte(maintenanceWindows.endsAt, now),
      ),
    )
    .orderBy(
      when === 'current' ? asc(maintenanceWindows.startsAt) : desc(maintenanceWindows.endsAt),
      asc(maintenanceWindows.id),
    )
    .limit(maintenanceListMax);
  return rows.map(flatten);
}

export async function findWindow(
  db: Queryable,
  accountId: string,
  id: string,
  visible: readonly string[] | null,
  { forUpdate = false } = {},
): Promise<MaintenanceWindowRow | null> {
  const query = db
    .select(fields)
    .from(maintenanceWindows)
    .innerJoin(companies, eq(companies.id, maintenanceWindows.companyId))
    .where(and(eq(maintenanceWindows.accountId, accountId), eq(maintenanceWindows.id, id), visibleTo(visible)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update', { of: maintenanceWindows }) : await query;
  return row ? flatten(row) : null;
}

export async function insertWindow(db: Queryable, values: typeof maintenanceWindows.$inferInsert): Promise<string> {
  const [row] = await db.insert(maintenanceWindows).values(values).returning({ id: maintenanceWindows.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateWindowRow(
  db: Queryable,
  id: string,
  patch: Partial<Pick<typeof maintenanceWindows.$inferInsert, 'companyId' | 'startsAt' | 'endsAt' | 'mode' | 'reason'>>,
): Promise<void> {
  await db
    .update(maintenanceWindows)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(maintenanceWindows.id, id));
}

export async function deleteWindowRow(db: Queryable, id: string): Promise<void> {
  await db.delete(maintenanceWindows).where(eq(maintenanceWindows.id, id));
}
