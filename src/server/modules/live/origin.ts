import type { FastifyRequest } from 'fastify';
import { forbidden } from '../../platform/http/app-error.js';

/**
 * Browsers always send Origin on a WebSocket upgrade, and cookies ride along: a page of another
 * site must not open a socket with the user's session. The origin must be this server's (by its
 * Host header, or TANDEM_PUBLIC_URL). Clients that are not browsers send no Origin.
 */
export function assertSameOrigin(request: FastifyRequest, publicUrl: string | undefined): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw forbidden('This connection comes from a page of another site.');
  }
  const allowed = new Set([request.headers.host]);
  if (publicUrl) allowed.add(new URL(publicUrl).host);
  if (!allowed.has(host)) throw forbidden('This connection comes from a page of another site.');
}
