import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { openLive, type LiveClient } from '../support/live-client.js';

/**
 * A TCP proxy between a client and the server that can delay every chunk and cut every
 * connection at once: what a flaky mobile network does to a chat.
 */
export async function startFlakyProxy(target: { host: string; port: number }, delayMs = 0) {
  const sockets = new Set<net.Socket>();
  const delayed = (from: net.Socket, to: net.Socket) => {
    let chain = Promise.resolve();
    from.on('data', (chunk) => {
      chain = chain
        .then(() => new Promise<void>((r) => setTimeout(r, delayMs)))
        .then(() => {
          if (!to.destroyed) to.write(chunk);
        });
    });
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    delayed(client, upstream);
    delayed(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    /** drops every connection in both directions, with whatever was in flight */
    cut() {
      for (const s of sockets) s.destroy();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * A customer chat client as the portal page behaves: keeps the highest seq it holds, resumes from
 * it after every reconnect, and resends what was not acknowledged, under the same client ids.
 */
export class ResilientCustomer {
  readonly received: { seq: number; clientId: string | null; body: string; author: string }[] = [];
  readonly pending = new Map<string, string>();
  duplicates = 0;
  gaps = 0;
  client: LiveClient | null = null;
  constructor(private readonly url: string) {}

  get lastSeq(): number {
    return this.received.at(-1)?.seq ?? 0;
  }

  async connect(): Promise<void> {
    const client = await openLive(this.url);
    this.client = client;
    client.socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'message') {
        const m = frame.message;
        if (m.seq <= this.lastSeq) this.duplicates++;
        else {
          if (m.seq !== this.lastSeq + 1) this.gaps++;
          this.received.push({ seq: m.seq, clientId: m.clientId, body: m.body, author: m.author.type });
        }
      } else if (frame.type === 'ack') {
        this.pending.delete(frame.clientId);
      }
    });
    await client.next((m) => m.type === 'hello');
    client.send({ type: 'resume', afterSeq: this.lastSeq });
    for (const [clientId, body] of this.pending) client.send({ type: 'message', clientId, body });
  }

  say(clientId: string, body: string): void {
    this.pending.set(clientId, body);
    try {
      this.client?.send({ type: 'message', clientId, body });
    } catch {
      // the socket is down: resent after the reconnect
    }
  }

  /** Reconnects until it succeeds (the proxy may be cutting). */
  async reconnect(): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await this.connect();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error('could not reconnect');
  }

  async until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > end)
        throw new Error(
          `timed out; received ${JSON.stringify(this.received.map((r) => r.seq))}, pending ${[...this.pending.keys()]}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
