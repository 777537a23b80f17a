import type { chatErrorCodes } from '../../shared/realtime.js';

type ChatErrorCode = (typeof chatErrorCodes)[number];

/**
 * Refusals that the same frames, sent again a little later, get past: the socket's frame budget refills
 * (`rate_limited`), a passing fault on the server clears (`unavailable`, "send it again").
 */
const transientRefusals: ReadonlySet<ChatErrorCode> = new Set(['rate_limited', 'unavailable']);

const firstDelayMs = 1000;
const longestDelayMs = 8000;

/**
 * Sends the customer's unacknowledged messages again after a transient refusal, waiting 1 s, then 2, 4 and at
 * most 8 s while refusals keep coming, back to 1 s once a message is acknowledged. Each message keeps its client
 * id, so the server stores it once however often it is sent. Other refusals are final: they are the customer's
 * to see.
 */
export class PendingResend {
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly resend: () => void) {}

  /** A refusal came: true when it is transient, a resend then being due (one at a time). */
  refused(code: ChatErrorCode): boolean {
    if (!transientRefusals.has(code)) return false;
    if (this.timer === undefined) {
      const delay = Math.min(firstDelayMs * 2 ** this.attempt, longestDelayMs);
      this.attempt += 1;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.resend();
      }, delay);
    }
    return true;
  }

  /** A message was stored: the next refusal waits the shortest time again. */
  acknowledged(): void {
    this.attempt = 0;
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
