import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomSecret, sha256 } from '../../platform/crypto/secrets.js';

/**
 * The `tandem_known` cookie: a random value a browser keeps from its first sign-in attempt. Once a
 * sign-in completes with it, the browser is known to that e-mail (`sign_in_known`, by its hash)
 * and gets through while an attack from many addresses holds the e-mail's limit. It proves
 * nothing by itself and opens nothing: a session cookie is still needed for everything.
 */
const cookieName = 'tandem_known';
const cookiePath = '/api/v1/auth';

/** The hash of this browser's cookie, or null. */
export function knownBrowserOf(request: FastifyRequest): string | null {
  const value = request.cookies[cookieName];
  return typeof value === 'string' && /^[\w-]{20,100}$/.test(value) ? sha256(value) : null;
}

/** The hash of this browser's cookie, giving it one first when it has none. */
export function ensureKnownBrowserCookie(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = knownBrowserOf(request);
  if (existing) return existing;
  const value = randomSecret(24);
  reply.setCookie(cookieName, value, {
    path: cookiePath,
    httpOnly: true,
    sameSite: 'strict',
    secure: secure || request.protocol === 'https',
    maxAge: 400 * 24 * 3600,
  });
  return sha256(value);
}
