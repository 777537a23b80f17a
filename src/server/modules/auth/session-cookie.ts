import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionPolicy } from './session-policy.js';

/** HttpOnly, SameSite=Lax, Secure over TLS or when configured; lives as long as the session may. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string, secure: boolean): void {
  reply.setCookie(sessionPolicy.cookieName, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure || request.protocol === 'https',
    maxAge: sessionPolicy.absoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionPolicy.cookieName, { path: '/' });
}
