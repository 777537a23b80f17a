/**
 * The customer's WebSocket to one request, kept alive across drops by LiveSocket (reconnect with
 * backoff, ping/pong): at each `hello` it resumes after the last seq it holds and resends every
 * message not yet acknowledged with its client id (the server stores it once).
 */
import type { CustomerClientFrame, CustomerServerFrame } from '../../shared/realtime.js';
import { LiveSocket, type ConnectionState } from '../live-socket.js';

export interface ConnectionOptions {
  url: string;
  onFrame: (frame: CustomerServerFrame) => void;
  onState: (state: ConnectionState) => void;
  /** the seq after which the server should replay (highest with nothing missing) */
  resumeSeq: () => number;
  /** frames to send again after each resume: the unacknowledged messages, in order */
  unacknowledged: () => CustomerClientFrame[];
}

export class ChatConnection {
  private readonly socket: LiveSocket<CustomerServerFrame, CustomerClientFrame>;
  private readonly unacknowledged: () => CustomerClientFrame[];

  constructor({ url, onFrame, onState, resumeSeq, unacknowledged }: ConnectionOptions) {
    this.unacknowledged = unacknowledged;
    this.socket = new LiveSocket({
      url,
      onFrame,
      onState,
      onHello: (send) => {
        send({ type: 'resume', afterSeq: resumeSeq() } satisfies CustomerClientFrame);
        for (const pending of unacknowledged()) send(pending);
      },
    });
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  /** Sends every message not yet acknowledged again, with its client id (after a transient refusal). */
  resendPending(): void {
    for (const pending of this.unacknowledged()) this.send(pending);
  }

  /** Sends when connected and resumed; otherwise typing and read frames are simply dropped (messages wait as pending). */
  send(frame: CustomerClientFrame): boolean {
    return this.socket.send(frame, { greetedOnly: true });
  }
}
