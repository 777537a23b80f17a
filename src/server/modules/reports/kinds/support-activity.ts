import { requestFigures, selectRequestBatch } from './repository.js';
import { batchSize, num, seconds, type ReportDefinition } from './types.js';

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
      const rows = await selectRequestBatch(db, scope, after);
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
    const { counts: f, perCompany } = await requestFigures(db, scope);
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
        bars: perCompany.map((r) => ({ label: r.name, value: Number(r.count) })),
      },
    };
  },
};
