import { randomBytes } from 'node:crypto';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { insertRequest, nextNumber } from '../../../src/server/modules/requests/index.js';
import { findPortalOfCompany } from '../../../src/server/modules/portals/index.js';

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
