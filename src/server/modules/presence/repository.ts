import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PresenceStatus } from '../../../shared/contracts/support-requests.js';
import type { Queryable } from '../../platform/db/pool.js';
import { uuidArray } from '../../platform/db/uuid-array.js';
import { seatAssignments } from '../seats/tables.js';
import { supportRequests } from '../requests/tables.js';
import { userCompanies, users } from '../users/tables.js';
import { technicianPresence } from './tables.js';

export interface PresenceRow {
  userId: string;
  name: string;
  status: PresenceStatus;
  capacity: number;
  onlineUntil: Date | null;
  activeChats: number;
  hasSeat: boolean;
}

/**
 * Technicians of an account who could work on a company's chats (active administrators and
 * technicians with access to it), with their presence and load, in one query. `userIds`
 * narrows to some users.
 */
export async function presenceOf(
  db: Queryable,
  accountId: string,
  opts: { companyId?: string; userIds?: readonly string[] },
): Promise<PresenceRow[]> {
  const company = opts.companyId
    ? sql`and (u.all_companies or u.role = 'administrator' or exists (select 1 from ${userCompanies} uc where uc.user_id = u.id and uc.company_id = ${opts.companyId}))`
    : sql``;
  const only = opts.userIds
    ? opts.userIds.length
      ? sql`and u.id in (${sql.join(
          opts.userIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`
      : sql`and false`
    : sql``;
  const result = await db.execute<{
    user_id: string;
    name: string;
    status: PresenceStatus | null;
    capacity: number | null;
    online_until: Date | string | null;
    active_chats: number;
    has_seat: boolean;
  }>(sql`
    select u.id as user_id, u.name, p.status, p.capacity, p.online_until,
      (select count(*) from ${supportRequests} r where r.account_id = u.account_id and r.assignee_id = u.id and r.status = 'active')::int as active_chats,
      exists (select 1 from ${seatAssignments} s where s.user_id = u.id and s.module = 'remoteSupport') as has_seat
    from ${users} u
    left join ${technicianPresence} p on p.user_id = u.id
    where u.account_id = ${accountId} and u.status = 'active' and u.role in ('administrator', 'technician') ${company} ${only}
    order by lower(u.name), u.id`);
  return result.rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    status: r.status ?? 'available',
    capacity: r.capacity ?? defaultCapacity,
    onlineUntil: r.online_until === null ? null : new Date(r.online_until),
    activeChats: r.active_chats,
    hasSeat: r.has_seat,
  }));
}

export const defaultCapacity = 3;

/** How many technicians can take a company's chat at `now`: online, available, seated, under capacity. */
export async function countAvailable(db: Queryable, accountId: string, companyId: string, now: Date): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`
    select count(*)::int as n
    from ${technicianPresence} p
    join ${users} u on u.id = p.user_id and u.account_id = p.account_id
    where p.account_id = ${accountId} and p.status = 'available' and p.online_until > ${now.toISOString()}::timestamptz
      and u.status = 'active' and u.role in ('administrator', 'technician')
      and (u.all_companies or u.role = 'administrator' or exists (select 1 from ${userCompanies} uc where uc.user_id = u.id and uc.company_id = ${companyId}))
      and exists (select 1 from ${seatAssignments} s where s.user_id = u.id and s.module = 'remoteSupport')
      and (select count(*) from ${supportRequests} r where r.account_id = p.account_id and r.assignee_id = u.id and r.status = 'active') < p.capacity`);
  return result.rows[0]?.n ?? 0;
}

/**
 * How many technicians are available at `now` (online, available, seated, under capacity) who work on at least
 * one of `companyIds` (null: any company of the account): the operations dashboard's count, in one query.
 */
export async function countAvailableAmong(
  db: Queryable,
  accountId: string,
  companyIds: readonly string[] | null,
  now: Date,
): Promise<number> {
  if (companyIds !== null && companyIds.length === 0) return 0;
  const access =
    companyIds === null
      ? sql``
      : sql`and (u.all_companies or u.role = 'administrator' or exists (select 1 from ${userCompanies} uc where uc.user_id = u.id and uc.company_id = any(${uuidArray(companyIds)})))`;
  const result = await db.execute<{ n: number }>(sql`
    select count(*)::int as n
    from ${technicianPresence} p
    join ${users} u on u.id = p.user_id and u.account_id = p.account_id
    where p.account_id = ${accountId} and p.status = 'available' and p.online_until > ${now.toISOString()}::timestamptz
      and u.status = 'active' and u.role in ('administrator', 'technician') ${access}
      and exists (select 1 from ${seatAssignments} s where s.user_id = u.id and s.module = 'remoteSupport')
      and (select count(*) from ${supportRequests} r where r.account_id = p.account_id and r.assignee_id = u.id and r.status = 'active') < p.capacity`);
  return result.rows[0]?.n ?? 0;
}

/**
 * SQL: some technician is online with status available, a Remote Support seat and access to the
 * company — whatever their load (a technician at capacity will be free again; one who left will
 * not). Without one, nobody will take a waiting chat.
 */
export function someonePresent(accountId: SQL, companyId: SQL, now: Date): SQL {
  return sql`exists (
    select 1 from ${technicianPresence} p join ${users} u on u.id = p.user_id and u.account_id = p.account_id
    where p.account_id = ${accountId} and p.status = 'available' and p.online_until > ${now.toISOString()}::timestamptz
      and u.status = 'active' and u.role in ('administrator', 'technician')
      and (u.all_companies or u.role = 'administrator' or exists (select 1 from ${userCompanies} uc where uc.user_id = u.id and uc.company_id = ${companyId}))
      and exists (select 1 from ${seatAssignments} s where s.user_id = u.id and s.module = 'remoteSupport'))`;
}

export async function upsertPresence(
  db: Queryable,
  accountId: string,
  userId: string,
  patch: { status?: PresenceStatus; capacity?: number },
): Promise<void> {
  await db
    .insert(technicianPresence)
    .values({ accountId, userId, ...patch })
    .onConflictDoUpdate({ target: technicianPresence.userId, set: { ...patch, updatedAt: sql`now()` } });
}

/** A live socket of theirs is open: online until `until` (pushed forward while it stays open). */
export async function markOnline(
  db: Queryable,
  accountId: string,
  userIds: readonly string[],
  until: Date,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insert(technicianPresence)
    .values(userIds.map((userId) => ({ accountId, userId, onlineUntil: until })))
    .onConflictDoUpdate({
      target: technicianPresence.userId,
      set: { onlineUntil: sql`greatest(${technicianPresence.onlineUntil}, excluded.online_until)` },
    });
}

/** Their last socket here closed: online for at most the grace period (another process may renew it). */
export async function markLeaving(db: Queryable, accountId: string, userId: string, until: Date): Promise<void> {
  await db
    .update(technicianPresence)
    .set({ onlineUntil: sql`least(${technicianPresence.onlineUntil}, ${until.toISOString()}::timestamptz)` })
    .where(and(eq(technicianPresence.accountId, accountId), eq(technicianPresence.userId, userId)));
}
