import type { Queryable } from '../../platform/db/pool.js';
import { touchOnlineDevice, touchOnlineDevices } from './repository.js';

interface Waiter {
  resolve: (touched: boolean) => void;
  reject: (err: unknown) => void;
}

/**
 * The heartbeats of devices already online (nearly all of them), written together: a heartbeat
 * that arrives while a write is under way waits for the next one, which stores every waiting
 * heartbeat in one UPDATE and one commit. Each agent is answered once its own row is written, so
 * nothing acknowledged is lost; on an idle server a lone heartbeat is written at once. Under load
 * this turns hundreds of commits a second into a few dozen.
 */
export class HeartbeatWriter {
  private readonly waiting = new Map<string, Waiter[]>();
  private writing = false;

  constructor(
    private readonly db: Queryable,
    private readonly maxBatch = 1000,
  ) {}

  /** Whether the credential's device was online and is now seen again (false: take the transition path). */
  touch(credentialHash: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(credentialHash);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(credentialHash, [{ resolve, reject }]);
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.size > 0) {
        const batch = [...this.waiting].slice(0, this.maxBatch);
        for (const [hash] of batch) this.waiting.delete(hash);
        await this.write(batch);
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(batch: Array<[string, Waiter[]]>): Promise<void> {
    try {
      const touched = await touchOnlineDevices(
        this.db,
        batch.map(([hash]) => hash),
      );
      for (const [hash, waiters] of batch) for (const w of waiters) w.resolve(touched.has(hash));
    } catch {
      // e.g. a deadlock with the offline sweep, which locks the same rows in another order: each
      // heartbeat is written on its own instead, and only its own failure reaches its agent
      await Promise.all(
        batch.map(async ([hash, waiters]) => {
          try {
            const touched = await touchOnlineDevice(this.db, hash);
            for (const w of waiters) w.resolve(touched);
          } catch (err) {
            for (const w of waiters) w.reject(err);
          }
        }),
      );
    }
  }
}
