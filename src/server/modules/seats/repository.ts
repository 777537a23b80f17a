import { and, asc, eq, gt, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Module } from '../../../shared/licence.js';
import type { Queryable } from '../../platform/db/pool.js';
import { oneRow } from '../../platform/db/one-row.js';
import { userCompanies, users } from '../users/tables.js';
import type { LicenceRow } from '../accounts/index.js';
import { accountLicences } from '../accounts/tables.js';
import { seatAssignments } from './tables.js';

export type SeatAssignmentRow = typeof seatAssignments.$inferSelect;

export async function updateLicence(
  db: Queryable,
  accountId: string,
  patch: Partial<Pick<LicenceRow, 'remoteSupportSeats' | 'serviceDeskSeats' | 'deviceLimit'>>,
): Promise<LicenceRow> {
  return oneRow(
    await db
      .update(accountLicences)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(accountLicences.accountId, accountId))
      .returning(),
    'update licence',
  );
}

/** Seats held per module, for the whole account. */
export async function seatsInUse(db: Queryable, accountId: string): Promise<Record<Module, number>> {
  const rows = await db
    .select({ module: seatAssignments.module, used: sql<number>`count(*)::int` })
    .from(seatAssignments)
    .where(eq(seatAssignments.accountId, accountId))
    .groupBy(seatAssignments.module);
  const used: Record<Module, number> = { remoteSupport: 0, serviceDesk: 0 };
  for (const row of rows) used[row.module] = row.used;
  return used;
}

/**
 * Users that a caller limited to some companies may see: those with all companies, or with
 * at least one company in common. `null` means every user of the account.
 */
function visibleTo(companyIds: readonly string[] | null): SQL | undefined {
  if (companyIds === null) return undefined;
  if (companyIds.length === 0) return sql`false`;
  return or(
    eq(users.allCompanies, true),
    sql`exists (select 1 from ${userCompanies} uc where uc.user_id = ${users.id} and uc.company_id in (${sql.join(
      companyIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}))`,
  );
}

/** Who holds a seat of each module, by name, limited to the users the caller may see. */
export async function listHolders(db: Queryable, accountId: string, companyIds: readonly string[] | null) {
  return db
    .select({
      module: seatAssignments.module,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      assignedAt: seatAssignments.assignedAt,
    })
    .from(seatAssignments)
    .innerJoin(users, and(eq(users.id, seatAssignments.userId), eq(users.accountId, seatAssignments.accountId)))
    .where(and(eq(seatAssignments.accountId, accountId), visibleTo(companyIds)))
    .orderBy(asc(seatAssignments.module), asc(sql`lower(${users.name})`), asc(users.id));
}

/** The modules each of a set of users holds a seat of, in one query (users list, user details). */
export async function userSeats(
  db: Queryable,
  accountId: string,
  userIds: readonly string[],
): Promise<Map<string, Module[]>> {
  const seats = new Map<string, Module[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return seats;
  const rows = await db
    .select({ userId: seatAssignments.userId, module: seatAssignments.module })
    .from(seatAssignments)
    .where(and(eq(seatAssignments.accountId, accountId), inArray(seatAssignments.userId, [...userIds])))
    .orderBy(asc(seatAssignments.module));
  for (const row of rows) seats.get(row.userId)?.push(row.module);
  return seats;
}

export async function findAssignment(
  db: Queryable,
  accountId: string,
  userId: string,
  module: Module,
): Promise<SeatAssignmentRow | null> {
  const [row] = await db
    .select()
    .from(seatAssignments)
    .where(
      and(
        eq(seatAssignments.accountId, accountId),
        eq(seatAssignments.userId, userId),
        eq(seatAssignments.module, module),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function insertAssignment(
  db: Queryable,
  values: { accountId: string; userId: string; module: Module; assignedBy: string },
): Promise<SeatAssignmentRow> {
  return oneRow(await db.insert(seatAssignments).values(values).returning(), 'insert assignment');
}

export async function deleteAssignment(
  db: Queryable,
  accountId: string,
  userId: string,
  module: Module,
): Promise<SeatAssignmentRow | null> {
  const [row] = await db
    .delete(seatAssignments)
    .where(
      and(
        eq(seatAssignments.accountId, accountId),
        eq(seatAssignments.userId, userId),
        eq(seatAssignments.module, module),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Releases every seat a user holds (for the users module: a user who is disabled or becomes a
 * viewer no longer holds seats). Returns the modules released, for the audit log.
 */
export async function releaseAllSeats(db: Queryable, accountId: string, userId: string): Promise<Module[]> {
  const rows = await db
    .delete(seatAssignments)
    .where(and(eq(seatAssignments.accountId, accountId), eq(seatAssignments.userId, userId)))
    .returning({ module: seatAssignments.module });
  return rows.map((r) => r.module);
}

/**
 * Users who may receive a seat of `module`: not viewers, not disabled, not holding it yet.
 * Ordered by name, keyset-paginated on (lower(name), id).
 */
export async function listCandidates(
  db: Queryable,
  accountId: string,
  module: Module,
  { search, limit, after }: { search?: string; limit: number; after: [string, string] | null },
) {
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const sortName = sql<string>`lower(${users.name})`;
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, status: users.status, sortName })
    .from(users)
    .where(
      and(
        eq(users.accountId, accountId),
        ne(users.role, 'viewer'),
        ne(users.status, 'disabled'),
        sql`not exists (select 1 from ${seatAssignments} sa where sa.user_id = ${users.id} and sa.module = ${module})`,
        pattern ? or(sql`${users.name} ilike ${pattern}`, sql`${users.email} ilike ${pattern}`) : undefined,
        after ? or(gt(sortName, after[0]), and(eq(sortName, after[0]), gt(users.id, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(sortName), asc(users.id))
    .limit(limit + 1);
}
