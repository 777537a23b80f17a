import net from 'node:net';

/**
 * A TCP proxy in front of the test server, to cut a browser's connection mid-chat: `cut()` drops
 * every open connection and refuses new ones until `restore()`; `delayMs` holds each chunk back
 * before forwarding it (a slow line). The browser sees a real network failure, not an emulation.
 */
export class CuttableProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private down = false;
  delayMs = 0;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  static forBaseUrl(baseURL: string): CuttableProxy {
    const url = new URL(baseURL);
    return new CuttableProxy({ host: url.hostname, port: Number(url.port) });
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      if (this.down) return void client.destroy();
      const upstream = net.connect(this.target);
      this.sockets.add(client).add(upstream);
      const forward = (from: net.Socket, to: net.Socket) =>
        from.on('data', (chunk) => {
          if (this.delayMs > 0) setTimeout(() => !to.destroyed && to.write(chunk), this.delayMs);
          else to.write(chunk);
        });
      forward(client, upstream);
      forward(upstream, client);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
  }

  /** Drops every connection now (RST), and refuses new ones until restored. */
  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
  }

  restore(): void {
    this.down = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
