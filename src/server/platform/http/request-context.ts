import type { FastifyRequest } from 'fastify';
import type { Actor } from '../authz.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** set by authentication on every route whose permission is not `public` */
    actor: Actor | null;
    /** the session's id hash and CSRF token when authenticated by cookie */
    session: { idHash: string; csrfToken: string } | null;
  }
}

/** What services need to know of the request that asks them something. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  requestId: string;
  /** work the system does by itself: start-up, command line, jobs */
  system?: true;
  /** an identity provider provisioning the account with a SCIM token: the audit log names the token */
  scimToken?: { id: string; name: string; accountId: string };
}

export function contextOf(request: FastifyRequest): RequestContext {
  return { actor: request.actor, ip: request.ip ?? null, requestId: String(request.id) };
}

/** The actor of a route that declared a permission (authentication guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('actorOf() called on a route without authentication');
  return request.actor;
}
