import { and, asc, eq, getTableColumns, gt, sql, type SQL } from 'drizzle-orm';
import type { RequestStatus, RequestView } from '../../../shared/contracts/support-requests.js';
import type { Queryable } from '../../platform/db/pool.js';
import { preparedQuery } from '../../platform/db/prepared.js';
import { outboxMessages } from '../../platform/mail/tables.js';
import { companies } from '../companies/tables.js';
import { someonePresent } from '../presence/index.js';
import { users } from '../users/tables.js';
import { requestCounters, supportAttachments, supportMessages, supportRequests } from './tables.js';

export type RequestRow = typeof supportRequests.$inferSelect;
export type MessageRow = typeof supportMessages.$inferSelect;
export type AttachmentRow = Omit<typeof supportAttachments.$inferSelect, 'bytes'>;
export type NewRequest = typeof supportRequests.$inferInsert;

/** A request with what lists show: its company's and its assignee's names, and the customer's messages unread. */
export type RequestListRow = RequestRow & {
  companyName: string;
  assigneeName: string | null;
  closedByName: string | null;
  /** The customer's messages after the technicians' read mark (the system's lines and the technicians' own never count). */
  unreadCount: number;
};

/** The next request number of an account: the counter row's lock makes two submissions wait for each other. */
export async function nextNumber(db: Queryable, accountId: string): Promise<number> {
  const result = await db.execute<{ last_number: string | number }>(sql`
    insert into ${requestCounters} (account_id, last_number) values (${accountId}, 1)
    on conflict (account_id) do update set last_number = ${requestCounters.lastNumber} + 1
    returning last_number`);
  return Number(result.rows[0]!.last_number);
}

export async function insertRequest(db: Queryable, values: NewRequest): Promise<RequestRow> {
  const [row] = await db.insert(supportRequests).values(values).returning();
  return row!;
}

/** One request of an account; `forUpdate` locks it (message numbering, state changes). */
export async function findRequest(
  db: Queryable,
  accountId: string,
  id: string,
  { forUpdate = false } = {},
): Promise<RequestRow | null> {
  const query = db
    .select()
    .from(supportRequests)
    .where(and(eq(supportRequests.accountId, accountId), eq(supportRequests.id, id)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** A request as its customer sees it: with the name of the technician who took it. */
export type VisitorRequestRow = RequestRow & { assigneeName: string | null };

const visitorRequestQuery = (db: Queryable) =>
  db
    .select({
      ...getTableColumns(supportRequests),
      assigneeName: sql<
        string | null
      >`(select ${users.name} from ${users} where ${users.id} = ${supportRequests.assigneeId})`,
    })
    .from(supportRequests)
    .where(
      and(eq(supportRequests.id, sql.placeholder('id')), eq(supportRequests.portalId, sql.placeholder('portalId'))),
    )
    .limit(1);
// read on every chat socket's connection and every customer message: prepared
const visitorRequest = preparedQuery('request_for_visitor', visitorRequestQuery);
const visitorRequestForUpdate = preparedQuery('request_for_visitor_locked', (db) =>
  visitorRequestQuery(db).for('update'),
);

/**
 * A request by id alone: the customer's side, which knows no account (checked by token after).
 * `forUpdate` locks the row, as `findRequest` does, for a change in the caller's transaction.
 */
export async function findRequestForVisitor(
  db: Queryable,
  id: string,
  portalId: string,
  { forUpdate = false } = {},
): Promise<VisitorRequestRow | null> {
  const [row] = await (forUpdate ? visitorRequestForUpdate : visitorRequest)(db, { id, portalId });
  return row ?? null;
}

const assignee = sql`(select u.name from ${users} u where u.id = r.assignee_id)`;
const closer = sql`(select u.name from ${users} u where u.id = r.closed_by)`;
const unread = sql`(select count(*)::int from ${supportMessages} m
  where m.request_id = r.id and m.seq > r.technician_read_seq and m.author_type = 'customer')`;

function mapListRow(r: Record<string, unknown>): RequestListRow {
  const d = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: r.id as string,
    accountId: r.account_id as string,
    companyId: r.company_id as string,
    portalId: r.portal_id as string,
    number: r.number as number,
    status: r.status as RequestStatus,
    kind: r.kind as RequestRow['kind'],
    customerName: r.customer_name as string,
    customerEmail: r.customer_email as string,
    customerPhone: r.customer_phone as string | null,
    fields: r.fields as Record<string, string | boolean>,
    question: r.question as string,
    language: r.language as RequestRow['language'],
    visitorTokenHash: r.visitor_token_hash as string,
    followTokenHash: r.follow_token_hash as string | null,
    earlierFollowTokenHashes: (r.earlier_follow_token_hashes as string[] | null) ?? [],
    emailConfirmedAt: d(r.email_confirmed_at),
    sourceIp: r.source_ip as string | null,
    assigneeId: r.assignee_id as string | null,
    offlineReason: r.offline_reason as RequestRow['offlineReason'],
    waitDeadline: d(r.wait_deadline),
    acceptedAt: d(r.accepted_at),
    offlineAt: d(r.offline_at),
    answeredAt: d(r.answered_at),
    closedAt: d(r.closed_at),
    closedBy: r.closed_by as string | null,
    outcome: r.outcome as RequestRow['outcome'],
    closeNotes: r.close_notes as string | null,
    lastSeq: r.last_seq as number,
    customerReadSeq: r.customer_read_seq as number,
    technicianReadSeq: r.technician_read_seq as number,
    lastMessageAt: d(r.last_message_at),
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
    companyName: r.company_name as string,
    assigneeName: r.assignee_name as string | null,
    closedByName: r.closed_by_name as string | null,
    unreadCount: r.unread_count as number,
  };
}

function selectList(where: SQL) {
  return sql`
    select r.*, c.name as company_name, ${assignee} as assignee_name, ${closer} as closed_by_name,
      ${unread} as unread_count, (extract(epoch from r.created_at) * 1000000)::bigint::text as created_key
    from ${supportRequests} r join ${companies} c on c.id = r.company_id
    where ${where}`;
}

export async function findRequestWithNames(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<RequestListRow | null> {
  const result = await db.execute(selectList(sql`r.account_id = ${accountId} and r.id = ${id}`));
  return result.rows[0] ? mapListRow(result.rows[0]) : null;
}

/** Several requests of one account with their names (the order is not kept). */
export async function findRequestsWithNames(
  db: Queryable,
  accountId: string,
  ids: readonly string[],
): Promise<RequestListRow[]> {
  if (ids.length === 0) return [];
  const result = await db.execute(
    selectList(
      sql`r.account_id = ${accountId} and r.id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    ),
  );
  return result.rows.map(mapListRow);
}

export interface ListFilter {
  accountId: string;
  view: RequestView;
  userId: string;
  /** companies the actor may see (null: all) */
  visible: readonly string[] | null;
  companyId?: string;
  /** kinds the actor may read ('chat' covers waiting requests too) */
  kinds: readonly ('chat' | 'question')[];
  q?: string;
}

const viewWhere: Record<RequestView, (userId: string) => SQL> = {
  new: () => sql`r.status = 'waiting'`,
  active: () => sql`r.status = 'active'`,
  mine: (userId) => sql`r.assignee_id = ${userId} and r.status in ('active', 'offline', 'answered')`,
  inbox: () => sql`r.status in ('offline', 'answered')`,
  completed: () => sql`r.status = 'closed'`,
};

/** Keyset page of a view: `new` oldest first (the queue's order), the others newest first. */
export async function listRequests(
  db: Queryable,
  f: ListFilter,
  limit: number,
  after: [string, string] | null,
): Promise<(RequestListRow & { createdKey: string })[]> {
  const parts: SQL[] = [sql`r.account_id = ${f.accountId}`, viewWhere[f.view](f.userId)];
  if (f.visible !== null)
    parts.push(
      f.visible.length
        ? sql`r.company_id in (${sql.join(
            f.visible.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql`false`,
    );
  if (f.companyId) parts.push(sql`r.company_id = ${f.companyId}`);
  const kinds: SQL[] = [];
  if (f.kinds.includes('chat')) kinds.push(sql`coalesce(r.kind, 'chat') = 'chat'`);
  if (f.kinds.includes('question')) kinds.push(sql`r.kind = 'question'`);
  parts.push(kinds.length ? sql`(${sql.join(kinds, sql` or `)})` : sql`false`);
  if (f.q) {
    const number = /^#?(\d{1,9})$/.exec(f.q);
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      number
        ? sql`r.number = ${Number(number[1])}`
        : sql`(r.customer_name ilike ${like} or r.customer_email ilike ${like} or r.question ilike ${like})`,
    );
  }
  const ascending = f.view === 'new';
  const key = sql`(extract(epoch from r.created_at) * 1000000)::bigint`;
  if (after)
    parts.push(
      ascending
        ? sql`(${key}, r.id) > (${after[0]}::bigint, ${after[1]}::uuid)`
        : sql`(${key}, r.id) < (${after[0]}::bigint, ${after[1]}::uuid)`,
    );
  const order = ascending ? sql`order by r.created_at asc, r.id asc` : sql`order by r.created_at desc, r.id desc`;
  const result = await db.execute(sql`${selectList(sql.join(parts, sql` and `))} ${order} limit ${limit}`);
  return result.rows.map((r) => ({ ...mapListRow(r), createdKey: r.created_key as string }));
}

export async function updateRequest(
  db: Queryable,
  accountId: string,
  id: string,
  patch: Partial<RequestRow>,
  onlyIf?: SQL,
): Promise<RequestRow | null> {
  const [row] = await db
    .update(supportRequests)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(supportRequests.accountId, accountId), eq(supportRequests.id, id), onlyIf))
    .returning();
  return row ?? null;
}

// --- messages ------------------------------------------------------------------------------------

export async function findMessageByClientId(
  db: Queryable,
  requestId: string,
  authorType: MessageRow['authorType'],
  clientId: string,
): Promise<MessageRow | null> {
  const [row] = await db
    .select()
    .from(supportMessages)
    .where(
      and(
        eq(supportMessages.requestId, requestId),
        eq(supportMessages.authorType, authorType),
        eq(supportMessages.clientId, clientId),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Takes the request's next seq (its row is locked by the caller) and stores the message under it,
 * in one statement: the request's counter moves in a WITH, the insert takes the seq it returns.
 */
export async function insertMessage(
  db: Queryable,
  values: Omit<typeof supportMessages.$inferInsert, 'seq'>,
  at?: Date,
): Promise<MessageRow> {
  const counter = db.$with('counter', { seq: sql<number>`last_seq` }).as(sql`
    update ${supportRequests} set last_seq = last_seq + 1, last_message_at = ${at ?? sql`now()`}, updated_at = now()
    where id = ${values.requestId} returning last_seq`);
  const [row] = await db
    .with(counter)
    .insert(supportMessages)
    .values({ ...values, seq: sql`(select last_seq from ${counter})`, ...(at ? { createdAt: at } : {}) })
    .returning();
  return row!;
}

// each follower's read of what it has not delivered yet (every message, every resume): prepared
const messagesAfterQuery = preparedQuery('messages_after', (db) =>
  db
    .select()
    .from(supportMessages)
    .where(
      and(
        eq(supportMessages.requestId, sql.placeholder('requestId')),
        gt(supportMessages.seq, sql.placeholder('afterSeq')),
      ),
    )
    .orderBy(asc(supportMessages.seq))
    .limit(sql.placeholder('limit')),
);

export function messagesAfter(
  db: Queryable,
  requestId: string,
  afterSeq: number,
  limit: number,
): Promise<MessageRow[]> {
  return messagesAfterQuery(db, { requestId, afterSeq, limit });
}

export async function attachmentsByIds(
  db: Queryable,
  requestId: string,
  ids: readonly string[],
): Promise<Map<string, AttachmentRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: supportAttachments.id,
      accountId: supportAttachments.accountId,
      requestId: supportAttachments.requestId,
      uploadedBy: supportAttachments.uploadedBy,
      name: supportAttachments.name,
      contentType: supportAttachments.contentType,
      size: supportAttachments.size,
      createdAt: supportAttachments.createdAt,
    })
    .from(supportAttachments)
    .where(
      and(
        eq(supportAttachments.requestId, requestId),
        sql`${supportAttachments.id} in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      ),
    );
  return new Map(rows.map((r) => [r.id, r]));
}

export async function insertAttachment(
  db: Queryable,
  values: typeof supportAttachments.$inferInsert,
): Promise<AttachmentRow> {
  const [row] = await db.insert(supportAttachments).values(values).returning();
  const { bytes: _bytes, ...rest } = row!;
  return rest;
}

export async function findAttachment(db: Queryable, requestId: string, id: string) {
  const [row] = await db
    .select()
    .from(supportAttachments)
    .where(and(eq(supportAttachments.requestId, requestId), eq(supportAttachments.id, id)))
    .limit(1);
  return row ?? null;
}

// --- queue, rate limits, sweeps ------------------------------------------------------------------------

/** The waiting requests of a company, in queue order. */
export async function waitingOf(
  db: Queryable,
  accountId: string,
  companyId: string,
): Promise<{ id: string; createdAt: Date }[]> {
  return db
    .select({ id: supportRequests.id, createdAt: supportRequests.createdAt })
    .from(supportRequests)
    .where(
      and(
        eq(supportRequests.accountId, accountId),
        eq(supportRequests.companyId, companyId),
        eq(supportRequests.status, 'waiting'),
      ),
    )
    .orderBy(asc(supportRequests.createdAt), asc(supportRequests.id));
}

/** Average seconds between arrival and acceptance over a company's last 20 accepted chats (null: none yet). */
export async function averageAcceptSeconds(
  db: Queryable,
  accountId: string,
  companyId: string,
): Promise<number | null> {
  const result = await db.execute<{ avg: string | null }>(sql`
    select avg(extract(epoch from accepted_at - created_at)) as avg from (
      select accepted_at, created_at from ${supportRequests}
      where account_id = ${accountId} and company_id = ${companyId} and accepted_at is not null
      order by accepted_at desc limit 20) recent`);
  const avg = result.rows[0]?.avg;
  return avg === null || avg === undefined ? null : Number(avg);
}

/**
 * Requests submitted from one address (every portal) and on one portal since the given times.
 * Only what customers submitted through the form counts (it carries their address): the chat a
 * session opens when a customer enters a technician's code is bounded by the code throttle.
 */
export async function recentSubmissions(
  db: Queryable,
  portalId: string,
  ip: string | null,
  sinceAddress: Date,
  sincePortal: Date,
): Promise<{ fromAddress: number; onPortal: number }> {
  const result = await db.execute<{ from_address: number; on_portal: number }>(sql`
    select
      (select count(*) from ${supportRequests} where source_ip = ${ip} and created_at > ${sinceAddress.toISOString()}::timestamptz)::int as from_address,
      (select count(*) from ${supportRequests} where portal_id = ${portalId} and source_ip is not null and created_at > ${sincePortal.toISOString()}::timestamptz)::int as on_portal`);
  return { fromAddress: result.rows[0]!.from_address, onPortal: result.rows[0]!.on_portal };
}

/**
 * Serialises submissions from one address, whatever the portal or account, until the transaction
 * ends: the per-address limit counts every portal of the server exactly. Taken before the
 * portal's lock, always in that order.
 */
export async function lockAddressSubmissions(db: Queryable, ip: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`submission-address:${ip}`}))`);
}

/**
 * How many new-question e-mails this address received in the last 24 hours, under a lock on the
 * address held until the transaction ends: two questions at once never both pass the limit.
 */
export async function recentQuestionMails(db: Queryable, recipient: string): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`question-mail:${recipient}`}))`);
  const result = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from ${outboxMessages}
    where recipient = ${recipient} and kind = 'support_question_received' and created_at > now() - interval '24 hours'`);
  return result.rows[0]!.n;
}

/** The customer opened a follow link e-mailed to them: their address is proven (once). */
export async function confirmCustomerEmail(db: Queryable, requestId: string): Promise<void> {
  await db.execute(
    sql`update ${supportRequests} set email_confirmed_at = now() where id = ${requestId} and email_confirmed_at is null`,
  );
}

/** Serialises one technician's accepts until the transaction ends: their capacity holds even when they click twice. */
export async function lockTechnicianAccepts(db: Queryable, userId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`presence:${userId}`}))`);
}

/**
 * One side of a conversation has read up to `seq`: kept at most the last message, and never moved
 * back. Answers the new mark, or null when it did not move.
 */
export async function markReadUpTo(
  db: Queryable,
  requestId: string,
  side: 'customer' | 'technician',
  seq: number,
): Promise<number | null> {
  const column = side === 'customer' ? supportRequests.customerReadSeq : supportRequests.technicianReadSeq;
  const target = sql`least(${seq}, ${supportRequests.lastSeq})`;
  const [row] = await db
    .update(supportRequests)
    .set(
      side === 'customer'
        ? { customerReadSeq: target as unknown as number }
        : { technicianReadSeq: target as unknown as number },
    )
    .where(sql`${supportRequests.id} = ${requestId} and ${column} < ${target}`)
    .returning({ seq: column });
  return row?.seq ?? null;
}

/**
 * After a message by `author`: the technician side has read through it when a technician wrote it
 * (writing answers what came before), or when it is a system line and nothing before it was unread.
 * A customer's message changes nothing. Answers the new mark, or null when it did not move.
 */
export async function markTechnicianReadThrough(
  db: Queryable,
  requestId: string,
  seq: number,
  author: 'customer' | 'technician' | 'system',
): Promise<number | null> {
  if (author === 'customer') return null;
  const caughtUp = author === 'technician' ? sql`true` : sql`${supportRequests.technicianReadSeq} >= ${seq - 1}`;
  const [row] = await db
    .update(supportRequests)
    .set({ technicianReadSeq: seq })
    .where(sql`${supportRequests.id} = ${requestId} and ${supportRequests.technicianReadSeq} < ${seq} and ${caughtUp}`)
    .returning({ seq: supportRequests.technicianReadSeq });
  return row?.seq ?? null;
}

/** Serialises submissions on one portal until the transaction ends (exact rate limits). */
export async function lockPortalSubmissions(db: Queryable, portalId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`portal:${portalId}`}))`);
}

/**
 * Waiting requests whose wait ran out become offline questions: one conditional UPDATE, so two
 * processes sweeping at once never turn the same request twice.
 */
export async function expireWaiting(db: Queryable, now: Date, limit = 100): Promise<RequestRow[]> {
  const result = await db.execute<{ id: string; account_id: string }>(sql`
    update ${supportRequests} set status = 'offline', kind = 'question', offline_reason = 'wait_timeout', offline_at = ${now.toISOString()}::timestamptz,
      wait_deadline = null, updated_at = now()
    where id in (select id from ${supportRequests} where status = 'waiting' and wait_deadline <= ${now.toISOString()}::timestamptz
                 order by wait_deadline limit ${limit} for update skip locked)
      and status = 'waiting'
    returning id, account_id`);
  const rows: RequestRow[] = [];
  for (const r of result.rows) rows.push((await findRequest(db, r.account_id, r.id))!);
  return rows;
}

/**
 * Waiting requests of companies where nobody will take them any more (every technician signed
 * out, closed their last tab past the grace period, or went away) become offline questions
 * (`no_technician`): the same single conditional UPDATE as the wait timeout.
 */
export async function abandonWaiting(db: Queryable, now: Date, limit = 100): Promise<RequestRow[]> {
  const result = await db.execute<{ id: string; account_id: string }>(sql`
    update ${supportRequests} set status = 'offline', kind = 'question', offline_reason = 'no_technician', offline_at = ${now.toISOString()}::timestamptz,
      wait_deadline = null, updated_at = now()
    where id in (select r.id from ${supportRequests} r where r.status = 'waiting'
                   and not ${someonePresent(sql`r.account_id`, sql`r.company_id`, now)}
                 order by r.created_at limit ${limit} for update skip locked)
      and status = 'waiting'
    returning id, account_id`);
  const rows: RequestRow[] = [];
  for (const r of result.rows) rows.push((await findRequest(db, r.account_id, r.id))!);
  return rows;
}

/** Deletes one company's requests (and their transcripts) created before `before`. */
export async function deleteOlderThan(
  db: Queryable,
  accountId: string,
  companyId: string,
  before: Date,
): Promise<number> {
  const result = await db.execute(sql`
    delete from ${supportRequests} where account_id = ${accountId} and company_id = ${companyId} and created_at < ${before.toISOString()}::timestamptz
      and status = 'closed'`);
  return result.rowCount ?? 0;
}
