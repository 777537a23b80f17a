import { sql } from 'drizzle-orm';
import { adminOnly, missingId, objectTargets, type MatrixRow } from '../matrix-kit.js';
import { only } from '../../../support/builders/index.js';

/** The outbox of outgoing messages: administrators of the account only. */
export const mailRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/outbox',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/outbox' }),
    expect: adminOnly(200),
  },
  {
    route: 'GET /api/v1/outbox/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => {
      // messages belong to the account: "another company" is simply another message of the same account
      const accountId = target === 'otherAccount' ? world.accountB.id : world.accountA.id;
      const inserted = await db.execute<{ id: string }>(
        sql`insert into outbox_messages (account_id, channel, kind, recipient, subject, body_text) values (${accountId}, 'email', 'matrix', 'someone@example.test', 'Subject', 'Body') returning id`,
      );
      return { method: 'GET', url: `/api/v1/outbox/${target === 'missing' ? missingId : only(inserted.rows).id}` };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: 403,
      viewer: 403,
    },
  },
  {
    route: 'POST /api/v1/outbox/:id/retry',
    targets: objectTargets,
    request: async ({ db, world, target }) => {
      const accountId = target === 'otherAccount' ? world.accountB.id : world.accountA.id;
      const inserted = await db.execute<{ id: string }>(
        sql`insert into outbox_messages (account_id, channel, kind, recipient, subject, body_text, status, attempts, last_error) values (${accountId}, 'email', 'matrix', 'someone@example.test', 'Subject', 'Body', 'failed', 8, 'refused') returning id`,
      );
      return {
        method: 'POST',
        url: `/api/v1/outbox/${target === 'missing' ? missingId : only(inserted.rows).id}/retry`,
      };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 202, otherCompany: 202, otherAccount: 404, missing: 404 },
      technician: 403,
      viewer: 403,
    },
  },
];
