import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { safeEqual } from '../../platform/crypto/secrets.js';

export interface MetricsAccess {
  /** when set, a scrape must send `Authorization: Bearer <token>` */
  token: string | undefined;
  /** when set, metrics are served on this port only (not on the main port) */
  port: number | undefined;
  host: string;
}

export const metricsRefusal = 'Send the metrics token: Authorization: Bearer <TANDEM_METRICS_TOKEN>.';
export const metricsChallenge = { 'www-authenticate': 'Bearer realm="metrics"' };

/** Whether a scrape may read the metrics: always without a token, else only with `Bearer <token>`. */
export function mayReadMetrics(authorization: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const sent = /^Bearer\s+(\S{1,200})$/i.exec(authorization ?? '')?.[1];
  return sent !== undefined && safeEqual(sent, token);
}

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify({ error: { code, message } }));
}

/**
 * The separate metrics listener (`TANDEM_METRICS_PORT`): `GET /metrics` and nothing else, with the
 * same token check. Resolves once it listens; a port in use rejects (Tandem then does not start).
 */
export async function startMetricsServer(
  registry: Registry,
  access: MetricsAccess & { port: number },
  log: { error(obj: object, msg: string): void },
): Promise<{ address: AddressInfo; close(): Promise<void> }> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendError(res, 404, 'not_found', 'Only GET /metrics is served on this port.');
    }
    if (!mayReadMetrics(req.headers.authorization, access.token))
      return sendError(res, 401, 'unauthenticated', metricsRefusal, metricsChallenge);
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (err: unknown) => {
        log.error({ err }, 'metrics could not be collected');
        sendError(res, 500, 'internal', 'Something went wrong on our side. The error has been logged.');
      },
    );
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(access.port, access.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log.error({ err }, 'metrics listener error'));
  return {
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
