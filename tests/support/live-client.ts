import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { App } from '../../src/server/platform/http/types.js';

/** A test client of a live socket: every message it received, and a way to wait for one. */
export interface LiveClient {
  socket: WebSocket;
  messages: Record<string, unknown>[];
  send(frame: unknown): void;
  /** resolves with the first received message (past or future) that matches */
  next(match: (message: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Listens on a free loopback port (once) and returns the server's base ws:// address. */
export async function listenForSockets(app: App): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `ws://127.0.0.1:${port}`;
}

/**
 * Opens a socket with the given headers (and ws options: `localAddress` to connect from another
 * loopback address); rejects with the HTTP status and body when the upgrade is refused.
 */
export function openLive(
  url: string,
  headers: Record<string, string> = {},
  options: WebSocket.ClientOptions = {},
): Promise<LiveClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { ...options, headers });
    const messages: Record<string, unknown>[] = [];
    const waiters = new Set<() => void>();
    socket.on('message', (data) => {
      messages.push(JSON.parse(data.toString()));
      for (const wake of waiters) wake();
    });
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      socket.on('close', (code, reason) => done({ code, reason: reason.toString() })),
    );
    socket.on('unexpected-response', (req, res) => {
      let body = '';
      const refused = () => {
        req.destroy();
        reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode, body }));
      };
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', refused);
      res.on('error', refused);
    });
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        socket,
        messages,
        closed,
        send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
        close: () => socket.close(),
        next(match, timeoutMs = 3000) {
          return new Promise((found, fail) => {
            const look = () => {
              const hit = messages.find(match);
              if (!hit) return false;
              waiters.delete(look);
              clearTimeout(timer);
              found(hit);
              return true;
            };
            const timer = setTimeout(() => {
              waiters.delete(look);
              fail(new Error(`no matching message; got ${JSON.stringify(messages)}`));
            }, timeoutMs);
            if (!look()) waiters.add(look);
          });
        },
      }),
    );
  });
}
