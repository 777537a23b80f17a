import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../../src/server/platform/http/types.js';

/**
 * Real HTTP for tests that need what `inject` cannot give: requests that truly run side by side,
 * each on its own connection, from chosen loopback source addresses (127.0.0.x all reach a server
 * listening on 127.0.0.1).
 */
export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface HttpCall {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** sent as JSON */
  body?: unknown;
  /** the source address, e.g. `127.0.0.7`; 127.0.0.1 by default */
  from?: string;
}

/** Starts the app on a free loopback port (once per app) and answers its base URL. */
export async function listenOnLoopback(app: App): Promise<string> {
  if (!app.server.listening) await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** One request on a connection of its own (no keep-alive), from `call.from`. */
export function httpCall(baseUrl: string, call: HttpCall): Promise<HttpAnswer> {
  const url = new URL(call.path, baseUrl);
  const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string> = { ...call.headers };
  if (payload !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: call.method,
        headers,
        localAddress: call.from ?? '127.0.0.1',
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, json: () => JSON.parse(body) });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}

/** Sends every call at once and answers in the same order. */
export function httpAll(baseUrl: string, calls: HttpCall[]): Promise<HttpAnswer[]> {
  return Promise.all(calls.map((c) => httpCall(baseUrl, c)));
}

/** How many answers had each status, e.g. `{ 401: 5, 429: 20 }`. */
export function statusCounts(answers: HttpAnswer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}
