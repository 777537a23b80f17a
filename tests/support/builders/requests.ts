import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { insertRequest, nextNumber } from '../../../src/server/modules/requests/index.js';
import { findPortalOfCompany } from '../../../src/server/modules/portals/index.js';
import { supportMessages, supportRequests } from '../../../src/server/modules/requests/tables.js';
import { only } from './rows.js';

/** The portal every company has, read through the portals repository. */
export async function portalOf(db: Db, accountId: string, companyId: string) {
  const portal = await findPortalOfCompany(db, accountId, companyId);
  if (!portal) throw new Error(`company ${companyId} has no portal`);
  return portal;
}

/**
 * A support request written through the requests repository with the times given (no portal
 * submission, no notices): for reports and lists that read its times. Its status follows the
 * latest time: answered, offline, active or waiting.
 */
export async function aSupportRequest(
  db: Db,
  accountId: string,
  companyId: string,
  options: {
    createdAt?: Date;
    acceptedAt?: Date;
    offlineAt?: Date;
    answeredAt?: Date;
    customerName?: string;
    customerEmail?: string;
    question?: string;
  } = {},
) {
  const portal = await portalOf(db, accountId, companyId);
  const status = options.answeredAt
    ? 'answered'
    : options.offlineAt
      ? 'offline'
      : options.acceptedAt
        ? 'active'
        : 'waiting';
  return insertRequest(db, {
    accountId,
    companyId,
    portalId: portal.id,
    number: await nextNumber(db, accountId),
    status,
    customerName: options.customerName ?? 'Customer',
    customerEmail: options.customerEmail ?? 'customer@example.test',
    question: options.question ?? 'Help',
    language: 'en',
    visitorTokenHash: randomBytes(16).toString('hex'),
    createdAt: options.createdAt,
    acceptedAt: options.acceptedAt ?? null,
    offlineAt: options.offlineAt ?? null,
    answeredAt: options.answeredAt ?? null,
  });
}

/**
 * Moves the requests' creation `seconds` into the past, as if they had been submitted that much
 * earlier (queue estimates, per-minute limits).
 */
export async function shiftRequestTimes(db: Db, ids: readonly string[], seconds: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(supportRequests)
    .set({ createdAt: sql`${supportRequests.createdAt} - make_interval(secs => ${seconds})` })
    .where(inArray(supportRequests.id, [...ids]));
}

/** The request was created `seconds` before it was accepted: how long it waited, as the queue's pace counts it. */
export async function waitedBeforeAccept(db: Db, id: string, seconds: number): Promise<void> {
  await db
    .update(supportRequests)
    .set({ createdAt: sql`${supportRequests.acceptedAt} - make_interval(secs => ${seconds})` })
    .where(eq(supportRequests.id, id));
}

/** A request as stored. */
export async function requestRow(db: Db, id: string) {
  return only(await db.select().from(supportRequests).where(eq(supportRequests.id, id)), `request ${id}`);
}

/** The requests of a company as stored, in the order of their numbers. */
export async function requestsOfCompany(db: Db, companyId: string) {
  return db
    .select()
    .from(supportRequests)
    .where(eq(supportRequests.companyId, companyId))
    .orderBy(asc(supportRequests.number));
}

/** The technician's active requests are closed (without outcome or notes), as if they had finished them: their capacity is free. */
export async function closeActiveRequestsOf(db: Db, userId: string): Promise<void> {
  await db
    .update(supportRequests)
    .set({ status: 'closed', closedAt: sql`now()` })
    .where(and(eq(supportRequests.assigneeId, userId), eq(supportRequests.status, 'active')));
}

/** The requests among `ids` that are stored (none once deleted). */
export async function requestsWithIds(db: Db, ids: readonly string[]) {
  return db
    .select()
    .from(supportRequests)
    .where(inArray(supportRequests.id, [...ids]));
}

/** A request's chat messages as stored, in the order of their numbers. */
export async function messagesOf(db: Db, requestId: string) {
  return db
    .select()
    .from(supportMessages)
    .where(eq(supportMessages.requestId, requestId))
    .orderBy(asc(supportMessages.seq));
}
