/**
 * Concurrent identical reads share one query: while a read for a key is under way, every caller
 * asking for the same key gets its answer; the next call after it settles reads again. Nothing is
 * remembered, so nothing can be stale beyond what any concurrent reader could see — it only stops
 * a storm (2,000 chat sockets reconnecting to one portal) from asking the same thing 2,000 times.
 * For reads through the pool only, never inside a transaction.
 */
export class SharedRead<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  read(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = load().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  /** Reads under way (tests). */
  get size(): number {
    return this.inFlight.size;
  }
}
