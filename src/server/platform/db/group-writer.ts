/** How a `GroupWriter` writes its items. */
export interface GroupWrite<Item, Result> {
  /** Writes many items in one statement (or one transaction) and one commit; a result per item, in order. */
  many(items: readonly Item[]): Promise<Result[]>;
  /** Writes one item on its own: used when `many` fails, so that only an item's own failure reaches its caller. */
  one(item: Item): Promise<Result>;
  /** Items of one key are never written together (the second waits for the next write). */
  key(item: Item): string;
}

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for small writes that arrive together (agents' heartbeats, their script reports):
 * an item that arrives while a write is under way waits for the next one, which stores every item
 * waiting in one statement and one commit. Each caller is answered once its own item is written,
 * so nothing acknowledged is lost; on an idle server a lone item is written at once. Under load
 * this turns hundreds of commits a second into a few dozen.
 *
 * When a grouped write fails (a deadlock with a sweep that locks the same rows in another order, a
 * value the statement refuses), each of its items is written on its own instead.
 */
export class GroupWriter<Item, Result> {
  private queue: Waiting<Item, Result>[] = [];
  private writing = false;

  constructor(
    private readonly how: GroupWrite<Item, Result>,
    private readonly maxBatch = 1000,
  ) {}

  write(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) await this.writeBatch(this.nextBatch());
    } finally {
      this.writing = false;
    }
  }

  /** The oldest items, at most `maxBatch`, one per key; the rest stay queued in their order. */
  private nextBatch(): Waiting<Item, Result>[] {
    const batch: Waiting<Item, Result>[] = [];
    const rest: Waiting<Item, Result>[] = [];
    const keys = new Set<string>();
    for (const waiting of this.queue) {
      const key = this.how.key(waiting.item);
      if (batch.length < this.maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(waiting);
      } else rest.push(waiting);
    }
    this.queue = rest;
    return batch;
  }

  private async writeBatch(batch: readonly Waiting<Item, Result>[]): Promise<void> {
    let results: Result[];
    try {
      results = await this.how.many(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`${results.length} results for ${batch.length} items`);
    } catch {
      await Promise.all(
        batch.map(async (w) => {
          try {
            w.resolve(await this.how.one(w.item));
          } catch (err) {
            w.reject(err);
          }
        }),
      );
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }
}
