/**
 * A limit on how many CPU-heavy tasks (password hashing) run at once. Argon2id runs on worker
 * threads; left unbounded, a sign-in flood gives those threads every core and the event loop —
 * health checks, live sockets, every other request — waits behind them.
 */
export class WorkSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  get queued(): number {
    return this.waiting.length;
  }
}
