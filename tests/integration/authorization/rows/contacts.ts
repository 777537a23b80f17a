import { randomBytes } from 'node:crypto';
import type { Db } from '../../../../src/server/platform/db/pool.js';
import { sha256 } from '../../../../src/server/platform/crypto/secrets.js';
import {
  insertContact,
  insertMethod,
  replaceContactCompanies,
  updateMethodRow,
  codeHash,
} from '../../../../src/server/modules/contacts/index.js';
import { type World } from '../../../support/builders/index.js';
import { adminOnly, all, missingId, objectTargets, signedIn, type CaseContext, type MatrixRow } from '../matrix-kit.js';

/** A contact of the target: related to the caller's company, to account A's other company only, or of account B. */
async function contactFor(
  db: Db,
  world: World,
  target: CaseContext['target'],
): Promise<{ contactId: string; methodId: string }> {
  if (target === 'missing') return { contactId: missingId, methodId: missingId };
  const account = target === 'otherAccount' ? world.accountB : world.accountA;
  const companyId = target === 'otherCompany' ? world.accountA.companyIds[1] : account.companyIds[0];
  const contact = await insertContact(db, {
    accountId: account.id,
    name: `Matrix ${randomBytes(3).toString('hex')}`,
    allCompanies: false,
    language: 'en',
    timeZone: 'UTC',
  });
  await replaceContactCompanies(db, account.id, contact.id, [companyId]);
  const method = await insertMethod(db, {
    accountId: account.id,
    contactId: contact.id,
    type: 'sms',
    value: '+33612345678',
  });
  return { contactId: contact.id, methodId: method.id };
}

const onContact = (status: number) => ({
  anonymous: 401,
  administrator: { own: status, otherCompany: status, otherAccount: 404, missing: 404 },
  technician: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
  viewer: { own: 403, otherCompany: 404, otherAccount: 404, missing: 404 },
});

/** Contacts: administrators manage; technicians and viewers read those of their companies. */
export const contactRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/contacts',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/contacts' }),
    expect: signedIn(200),
  },
  {
    route: 'POST /api/v1/contacts',
    targets: ['none'],
    request: () => ({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { name: 'On call', methods: [{ type: 'sms', value: '+33 6 12 34 56 78' }] },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/v1/contacts/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'GET',
      url: `/api/v1/contacts/${(await contactFor(db, world, target)).contactId}`,
    }),
    expect: {
      anonymous: 401,
      administrator: { own: 200, otherCompany: 200, otherAccount: 404, missing: 404 },
      technician: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
      viewer: { own: 200, otherCompany: 404, otherAccount: 404, missing: 404 },
    },
  },
  {
    route: 'PATCH /api/v1/contacts/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'PATCH',
      url: `/api/v1/contacts/${(await contactFor(db, world, target)).contactId}`,
      payload: { name: 'Renamed' },
    }),
    expect: onContact(200),
  },
  {
    route: 'DELETE /api/v1/contacts/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'DELETE',
      url: `/api/v1/contacts/${(await contactFor(db, world, target)).contactId}`,
    }),
    expect: onContact(204),
  },
  {
    route: 'POST /api/v1/contacts/:id/methods',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'POST',
      url: `/api/v1/contacts/${(await contactFor(db, world, target)).contactId}/methods`,
      payload: { type: 'email', value: 'pager@example.test' },
    }),
    expect: onContact(201),
  },
  {
    route: 'PATCH /api/v1/contacts/:id/methods/:methodId',
    targets: objectTargets,
    request: async ({ db, world, target }) => {
      const { contactId, methodId } = await contactFor(db, world, target);
      return {
        method: 'PATCH',
        url: `/api/v1/contacts/${contactId}/methods/${methodId}`,
        payload: { label: 'Mobile', enabled: false },
      };
    },
    expect: onContact(200),
  },
  {
    route: 'DELETE /api/v1/contacts/:id/methods/:methodId',
    targets: objectTargets,
    request: async ({ db, world, target }) => {
      const { contactId, methodId } = await contactFor(db, world, target);
      return { method: 'DELETE', url: `/api/v1/contacts/${contactId}/methods/${methodId}` };
    },
    expect: onContact(204),
  },
  {
    route: 'POST /api/v1/contacts/:id/methods/:methodId/verification',
    targets: objectTargets,
    request: async ({ db, world, target }) => {
      const { contactId, methodId } = await contactFor(db, world, target);
      return { method: 'POST', url: `/api/v1/contacts/${contactId}/methods/${methodId}/verification` };
    },
    expect: onContact(202),
  },
  {
    route: 'POST /api/v1/contacts/:id/methods/:methodId/verify',
    targets: objectTargets,
    request: async ({ db, world, target }) => {
      const { contactId, methodId } = await contactFor(db, world, target);
      if (target !== 'missing') {
        const accountId = target === 'otherAccount' ? world.accountB.id : world.accountA.id;
        await updateMethodRow(db, accountId, methodId, {
          verificationHash: codeHash(methodId, '123456'),
          verificationExpiresAt: new Date(Date.now() + 60_000),
        });
      }
      return {
        method: 'POST',
        url: `/api/v1/contacts/${contactId}/methods/${methodId}/verify`,
        payload: { code: '123456' },
      };
    },
    expect: onContact(200),
  },
  {
    route: 'POST /api/v1/contact-verifications/:token',
    targets: ['none'],
    request: async ({ db, world }) => {
      const { methodId } = await contactFor(db, world, 'own');
      const token = randomBytes(24).toString('base64url');
      await updateMethodRow(db, world.accountA.id, methodId, {
        type: 'email',
        value: 'confirm@example.test',
        verificationHash: sha256(token),
        verificationExpiresAt: new Date(Date.now() + 60_000),
      });
      return { method: 'POST', url: `/api/v1/contact-verifications/${token}` };
    },
    expect: all(200),
  },
];
