import { adminOnly, missingId, objectTargets, type MatrixRow } from '../matrix-kit.js';
import { anOutboxMessage } from '../../../support/builders/index.js';

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
      const id = target === 'missing' ? missingId : await anOutboxMessage(db, accountId, { kind: 'matrix' });
      return { method: 'GET', url: `/api/v1/outbox/${id}` };
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
      const id =
        target === 'missing'
          ? missingId
          : await anOutboxMessage(db, accountId, {
              kind: 'matrix',
              status: 'failed',
              attempts: 8,
              lastError: 'refused',
            });
      return { method: 'POST', url: `/api/v1/outbox/${id}/retry` };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 202, otherCompany: 202, otherAccount: 404, missing: 404 },
      technician: 403,
      viewer: 403,
    },
  },
];
