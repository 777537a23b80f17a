import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/pool.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { ScimError } from './errors.js';
import { findLiveScimToken, noteScimTokenUsed } from './token-repository.js';

/** The identity provider calling, known by its SCIM token. */
export interface ScimCaller {
  accountId: string;
  tokenId: string;
  tokenName: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** set on `/scim/v2` routes by their own hook: the SCIM token's account */
    scim: ScimCaller | null;
  }
}

/**
 * The `onRequest` hook of the `/scim/v2` routes: an `Authorization: Bearer` SCIM token and nothing else — a
 * session cookie or an API token is not a SCIM token (401). The main authentication hook lets these
 * routes through (`permission: 'scim'`) to this one.
 */
export function scimAuthentication(db: Db) {
  return async function authenticateScim(request: FastifyRequest): Promise<void> {
    request.scim = null;
    const match = /^Bearer\s+(\S{1,200})$/i.exec(request.headers.authorization ?? '');
    const secret = match?.[1];
    const token = secret ? await findLiveScimToken(db, secret) : null;
    if (!token) throw new ScimError(401, 'Send a valid SCIM token as a bearer token; it may have been revoked.');
    request.scim = { accountId: token.accountId, tokenId: token.id, tokenName: token.name };
    request.log = request.log.child({ accountId: token.accountId, scimTokenId: token.id });
    if (token.lastUsedAt === null || Date.now() - token.lastUsedAt.getTime() >= 60_000)
      await noteScimTokenUsed(db, token.id);
  };
}

/** What services need to know of a SCIM request: the audit log names the token. */
export function scimContextOf(request: FastifyRequest): RequestContext & { accountId: string } {
  const caller = request.scim;
  if (!caller) throw new Error('scimContextOf() called on a route without the SCIM hook');
  return {
    actor: null,
    ip: request.ip ?? null,
    requestId: String(request.id),
    scimToken: { id: caller.tokenId, name: caller.tokenName, accountId: caller.accountId },
    accountId: caller.accountId,
  };
}
