import type { FastifyRequest } from 'fastify';
import { forbidden } from '../../platform/http/app-error.js';

/** scheme://host[:port] of an address, default ports left out; null when it is not one. */
function originOf(address: string): string | null {
  try {
    const origin = new URL(address).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * The origins of this server's own pages: the request's own scheme and host (as seen through
 * trusted proxies: `request.protocol` and `request.host` follow TANDEM_TRUST_PROXY), and
 * TANDEM_PUBLIC_URL's.
 */
function ownOrigins(request: FastifyRequest, publicUrl: string | undefined): Set<string> {
  const own = new Set<string>();
  const here = request.host ? originOf(`${request.protocol}://${request.host}`) : null;
  if (here) own.add(here);
  const configured = publicUrl ? originOf(publicUrl) : null;
  if (configured) own.add(configured);
  return own;
}

/**
 * Browsers always send Origin on a WebSocket upgrade, and cookies ride along: a page of another
 * site must not open a socket with the user's session. The origin must be one of this server's
 * — scheme, host and port alike (`http://` beside an `https://` site, or another port of the same
 * host, are other sites). Clients that are not browsers send no Origin.
 */
export function assertSameOrigin(request: FastifyRequest, publicUrl: string | undefined): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const given = originOf(origin);
  if (!given || !ownOrigins(request, publicUrl).has(given))
    throw forbidden('This connection comes from a page of another site.');
}
