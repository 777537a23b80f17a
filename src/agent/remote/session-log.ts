import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** One line of the device's own record of remote sessions. */
export type SessionLogEvent =
  'open' | 'refused_grant' | 'consent' | 'transport' | 'file' | 'terminal' | 'reboot' | 'end';

/**
 * The local log of remote sessions, `<data dir>/sessions.log`: one JSON object a line
 * (`{"at","sessionId","event",…}`), appended, never rewritten, so the person at the device can read
 * who opened what and when even when the server is unreachable. Writing never fails the session.
 */
export class SessionLog {
  #ready: Promise<unknown> | null = null;
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  write(sessionId: string, event: SessionLogEvent, details: Record<string, unknown> = {}): Promise<void> {
    const line = `${JSON.stringify({ at: new Date().toISOString(), sessionId, event, ...details })}\n`;
    this.#ready ??= mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 }).catch(() => {});
    this.#queue = this.#queue.then(async () => {
      await this.#ready;
      await appendFile(this.file, line, { mode: 0o600 }).catch(() => {});
    });
    return this.#queue;
  }

  /** Resolves once every line written so far is in the file. */
  written(): Promise<void> {
    return this.#queue;
  }
}
