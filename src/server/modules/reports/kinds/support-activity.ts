import { sql } from 'drizzle-orm';
import { oneRow } from '../../../platform/db/one-row.js';
import { batchSize, inCompanies, num, seconds, type ReportDefinition } from './types.js';

type RequestLine = {
  number: number;
  company: string;
  status: string;
  kind: string | null;
  customer_name: string;
  customer_email: string;
  created_at: string;
  accepted_at: string | null;
  offline_at: string | null;
  answered_at: string | null;
  closed_at: string | null;
  assignee: string | null;
};

/**
 * Support requests created in the period: how long each customer waited (until a technician
 * accepted the chat, or until it became an offline question) and how long an offline question
 * waited for its answer. Keyset on the per-account request number.
 */
export const supportActivity: ReportDefinition = {
  usesPeriod: true,
  columns: [
    'number',
    'company',
    'status',
    'requestKind',
    'customer',
    'customerEmail',
    'createdAt',
    'acceptedAt',
    'waitSeconds',
    'offlineAt',
    'answeredAt',
    'answerSeconds',
    'closedAt',
    'assignee',
  ],
  async *batches(db, scope) {
    let after = 0;
    for (;;) {
      const rows = (
        await db.execute<RequestLine>(sql`
          select r.number, c.name as company, r.status, r.kind, r.customer_name, r.customer_email, r.created_at, r.accepted_at, r.offline_at,
            r.answered_at, r.closed_at, u.name as assignee
          from support_requests r join companies c on c.id = r.company_id left join users u on u.id = r.assignee_id
          where r.account_id = ${scope.accountId} and ${inCompanies(sql`r.company_id`, scope.companyIds)}
            and r.created_at >= ${scope.periodStart} and r.created_at < ${scope.periodEnd} and r.number > ${after}
          order by r.number limit ${batchSize}`)
      ).rows;
      if (rows.length > 0) {
        yield rows.map((r) => [
          r.number,
          r.company,
          r.status,
          r.kind,
          r.customer_name,
          r.customer_email,
          new Date(r.created_at),
          r.accepted_at ? new Date(r.accepted_at) : null,
          seconds(r.created_at, r.accepted_at ?? r.offline_at),
          r.offline_at ? new Date(r.offline_at) : null,
          r.answered_at ? new Date(r.answered_at) : null,
          seconds(r.offline_at, r.answered_at),
          r.closed_at ? new Date(r.closed_at) : null,
          r.assignee,
        ]);
      }
      const last = rows.at(-1);
      if (!last || rows.length < batchSize) return;
      after = last.number;
    }
  },
  async summary(db, scope) {
    const where = sql`r.account_id = ${scope.accountId} and ${inCompanies(sql`r.company_id`, scope.companyIds)} and r.created_at >= ${scope.periodStart} and r.created_at < ${scope.periodEnd}`;
    const f = oneRow(
      (
        await db.execute<{
          total: string;
          chats: string;
          questions: string;
          answered: string;
          wait: string | null;
          answer: string | null;
        }>(sql`
        select count(*) as total,
          count(*) filter (where r.accepted_at is not null) as chats,
          count(*) filter (where r.offline_at is not null) as questions,
          count(*) filter (where r.answered_at is not null) as answered,
          percentile_cont(0.5) within group (order by extract(epoch from coalesce(r.accepted_at, r.offline_at) - r.created_at)) as wait,
          percentile_cont(0.5) within group (order by extract(epoch from r.answered_at - r.offline_at)) as answer
        from support_requests r where ${where}`)
      ).rows,
      'summing support requests',
    );
    const perCompany = await db.execute<{ name: string; count: string }>(sql`
      select c.name, count(*) as count from support_requests r join companies c on c.id = r.company_id
      where ${where} group by c.name order by count(*) desc, c.name limit 10`);
    return {
      facts: [
        { key: 'requests', value: num(f.total), unit: 'count' },
        { key: 'chatsAccepted', value: num(f.chats), unit: 'count' },
        { key: 'offlineQuestions', value: num(f.questions), unit: 'count' },
        { key: 'answered', value: num(f.answered), unit: 'count' },
        { key: 'medianWait', value: f.wait === null ? null : Math.round(Number(f.wait)), unit: 'seconds' },
        { key: 'medianAnswer', value: f.answer === null ? null : Math.round(Number(f.answer)), unit: 'seconds' },
      ],
      chart: {
        titleKey: 'requestsPerCompany',
        bars: perCompany.rows.map((r) => ({ label: r.name, value: Number(r.count) })),
      },
    };
  },
};
