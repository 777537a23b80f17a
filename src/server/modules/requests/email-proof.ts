import type { Queryable } from '../../platform/db/pool.js';
import { safeEqual, sha256 } from '../../platform/crypto/secrets.js';
import * as repo from './repository.js';
import type { VisitorAccess } from './visitor.js';

/** Whether a token is one of the follow tokens e-mailed to the customer (not the browser's visitor token). */
export function isFollowToken(
  request: Pick<repo.RequestRow, 'followTokenHash' | 'earlierFollowTokenHashes'>,
  token: string | undefined,
): boolean {
  if (!token) return false;
  const hash = sha256(token);
  const follow = [request.followTokenHash, ...request.earlierFollowTokenHashes].filter((h): h is string => h !== null);
  return follow.map((h) => safeEqual(hash, h)).includes(true);
}

/**
 * Opening a follow link proves the customer reads the address they gave (only that address
 * received the link): from then on answers are e-mailed in full. The browser's visitor token
 * proves nothing about the address. Answers the access with the request as it now stands.
 */
export async function confirmByFollowLink(
  db: Queryable,
  access: VisitorAccess,
  token: string | undefined,
): Promise<VisitorAccess> {
  const { request } = access;
  if (request.emailConfirmedAt !== null || !isFollowToken(request, token)) return access;
  await repo.confirmCustomerEmail(db, request.id);
  return { ...access, request: { ...request, emailConfirmedAt: new Date() } };
}
