/**
 * Work run one job after another per session, sessions side by side: a session's signals keep
 * their order while another session's go on. A failed job is handed to `onError` and the next
 * one still runs. A session's entry is dropped once its queue is empty.
 */
export class PerSessionQueue {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly onError: (err: unknown) => void) {}

  push(sessionId: string, job: () => Promise<void>): Promise<void> {
    const next = (this.tails.get(sessionId) ?? Promise.resolve()).then(job).catch(this.onError);
    this.tails.set(sessionId, next);
    void next.then(() => {
      if (this.tails.get(sessionId) === next) this.tails.delete(sessionId);
    });
    return next;
  }

  /** Sessions with work waiting (tests). */
  get size(): number {
    return this.tails.size;
  }
}
