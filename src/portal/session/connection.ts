/**
 * The customer's signalling socket of one session, kept alive across drops by LiveSocket like the
 * chat's. Each `hello` gives the whole state again (the session and the technicians watching), so
 * nothing needs replaying; signals sent while disconnected are dropped (the peer connections
 * renegotiate when a viewer comes back).
 */
import type { SessionCustomerClientFrame, SessionCustomerServerFrame } from '../../shared/session-signals.js';
import { LiveSocket, type ConnectionState } from '../live-socket.js';

export interface SessionConnectionOptions {
  url: string;
  onFrame: (frame: SessionCustomerServerFrame) => void;
  onState: (state: ConnectionState) => void;
}

export class SessionConnection {
  private readonly socket: LiveSocket<SessionCustomerServerFrame, SessionCustomerClientFrame>;

  constructor({ url, onFrame, onState }: SessionConnectionOptions) {
    this.socket = new LiveSocket({
      url,
      onState,
      onFrame: (frame) => {
        onFrame(frame);
        // the session is over or gone: nothing more will come
        if (frame.type === 'error' && (frame.code === 'not_found' || frame.code === 'closed')) this.stop();
      },
    });
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  send(frame: SessionCustomerClientFrame): boolean {
    return this.socket.send(frame);
  }
}
