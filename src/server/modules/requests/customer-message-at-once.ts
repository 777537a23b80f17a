import { sql } from 'drizzle-orm';
import { requestStatuses } from '../../../shared/contracts/support-requests.js';
import type { Db } from '../../platform/db/pool.js';
import { isUniqueViolation } from '../../platform/db/constraint-violation.js';
import { channels } from '../../platform/realtime/channels.js';
import { notifyExpression } from '../../platform/realtime/publish.js';
import { portals } from '../portals/tables.js';
import type { MessageRow } from './repository.js';
import { chatNoticeSql } from './notice-message.js';
import { supportMessages, supportRequests } from './tables.js';

/** Statuses a customer's message leaves as they are (an answered question becomes offline again: not here). */
const plainStatuses = sql.join(
  requestStatuses.filter((s) => s !== 'answered' && s !== 'closed').map((s) => sql`${s}`),
  sql`, `,
);

type StoredRow = {
  id: string;
  account_id: string;
  request_id: string;
  seq: number;
  client_id: string;
  author_name: string | null;
  body: string;
  created_at: Date | string;
};

/**
 * A customer's text message stored in one statement when nothing about it is unusual: the request
 * is waiting, active or offline, in this enabled portal; the token is one of its tokens (compared
 * as SHA-256 hashes); the client id is new on the customer's side. The statement locks the request,
 * takes its next seq, stores the message and announces it (the chat notice and the list entry's
 * `message` change, delivered at commit): the same writes as the careful path in one round trip.
 *
 * Null when anything does not hold (an unknown request or token, a closed or answered request, a
 * resend, an attachment) or when a resend raced it to the same client id: nothing was written then,
 * and the caller takes the careful path, which knows what to answer.
 */
export async function appendCustomerMessageAtOnce(
  db: Db,
  input: { slug: string; requestId: string; tokenHash: string; clientId: string; body: string },
): Promise<MessageRow | null> {
  const { slug, requestId, tokenHash, clientId, body } = input;
  const listChange = sql`json_build_object('accountId', c.account_id, 'companyId', c.company_id, 'requestId', c.id, 'change', 'message', 'takenBy', null)::text`;
  try {
    const { rows } = await db.execute<StoredRow>(sql`
      with target as (
        select r.id from ${supportRequests} r
        where r.id = ${requestId}
          and r.portal_id = (select p.id from ${portals} p where lower(p.slug) = ${slug.toLowerCase()} and p.enabled)
          and r.status in (${plainStatuses})
          and (r.visitor_token_hash = ${tokenHash} or r.follow_token_hash = ${tokenHash}
               or ${tokenHash} = any(r.earlier_follow_token_hashes))
          and not exists (select 1 from ${supportMessages} e
                          where e.request_id = r.id and e.author_type = 'customer' and e.client_id = ${clientId})
        for update of r
      ), c as (
        update ${supportRequests} s set last_seq = s.last_seq + 1, last_message_at = now(), updated_at = now()
        from target where s.id = target.id
        returning s.id, s.account_id, s.company_id, s.last_seq, s.customer_name
      ), m as (
        insert into ${supportMessages} (account_id, request_id, seq, client_id, author_type, author_name, body)
        select c.account_id, c.id, c.last_seq, ${clientId}, 'customer', c.customer_name, ${body} from c
        returning id, account_id, request_id, seq, client_id, author_type, author_user_id, author_name, body, created_at
      ), announced as (
        select ${notifyExpression(channels.chat, chatNoticeSql('customer'))}, ${notifyExpression(channels.support, listChange)}
        from m cross join c
      )
      select m.*, (select count(*) from announced) as announced from m`);
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      accountId: row.account_id,
      requestId: row.request_id,
      seq: row.seq,
      clientId: row.client_id,
      authorType: 'customer',
      authorUserId: null,
      authorName: row.author_name,
      body: row.body,
      attachmentId: null,
      createdAt: new Date(row.created_at),
    };
  } catch (error) {
    // a resend of the same message committed first: the careful path answers it as a duplicate
    if (isUniqueViolation(error, 'support_messages_client_key')) return null;
    throw error;
  }
}
