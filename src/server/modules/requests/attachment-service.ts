import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError, notFound } from '../../platform/http/app-error.js';
import { findPortalOfCompany, portalContext } from '../portals/index.js';
import { storeAttachment } from './attachments.js';
import * as repo from './repository.js';
import { followable, getRequest } from './service.js';
import { assertAttachmentsAllowed, visitorAccess } from './visitor.js';

/** A file as it arrived: its declared type, its bytes and the name given. */
export interface Upload {
  contentType: string;
  bytes: Buffer;
  name: string | undefined;
}

/** A file of a conversation the technician may follow (404 otherwise). */
export async function technicianAttachment(db: Db, actor: Actor, requestId: string, attachmentId: string) {
  const row = await followable(db, actor, requestId);
  const file = await repo.findAttachment(db, row.id, attachmentId);
  if (!file) throw new AppError('not_found', 'This attachment does not exist or you cannot see it.');
  return file;
}

/**
 * A file attached by the technician holding the chat (or answering the question): 403 for anyone
 * else, or when the request's portal takes no attachments. Answers the request and the stored file.
 */
export async function attachAsTechnician(db: Db, actor: Actor, requestId: string, upload: Upload) {
  const row = await followable(db, actor, requestId);
  const detail = await getRequest(db, actor, row.id);
  if (!detail.abilities.chat && !detail.abilities.answer)
    throw new AppError('forbidden', 'Only the technician holding this chat can attach files to it.');
  const portal = await findPortalOfCompany(db, row.accountId, row.companyId);
  if (portal) assertAttachmentsAllowed(await portalContext(db, portal));
  const stored = await storeAttachment(db, row, 'technician', upload.contentType, upload.bytes, upload.name);
  return { row, stored };
}

/** A file of the customer's conversation (the same 404 as any wrong portal, request or token). */
export async function customerAttachment(
  db: Db,
  slug: string,
  requestId: string,
  token: string | undefined,
  attachmentId: string,
) {
  const access = await visitorAccess(db, slug, requestId, token);
  const file = await repo.findAttachment(db, access.request.id, attachmentId);
  if (!file) throw notFound('This attachment');
  return file;
}

/** A file the customer attaches, when their portal takes attachments (403 otherwise). Answers their access and the stored file. */
export async function attachAsCustomer(
  db: Db,
  slug: string,
  requestId: string,
  token: string | undefined,
  upload: Upload,
) {
  const access = await visitorAccess(db, slug, requestId, token);
  assertAttachmentsAllowed(await portalContext(db, access.portal));
  const stored = await storeAttachment(db, access.request, 'customer', upload.contentType, upload.bytes, upload.name);
  return { access, stored };
}
