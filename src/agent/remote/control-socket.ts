import WebSocket from 'ws';
import {
  agentFrameBytes,
  agentServerFrame,
  type AgentClientFrame,
  type AgentServerFrame,
} from '../../shared/agent-frames.js';
import { backoffDelay } from '../../shared/backoff.js';
import { sleep } from '../sleep.js';

/** The agent's address for a server path over WebSocket (http → ws, https → wss). */
export function socketUrl(server: string, pathname: string): string {
  const url = new URL(pathname, server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export interface ControlSocketOptions {
  server: string;
  credential: string;
  log: (line: string) => void;
  onFrame: (frame: AgentServerFrame) => void;
  pingMs?: number;
  /** no frame from the server for this long: the socket is dead, connect again */
  silenceMs?: number;
  backoff?: { baseMs: number; capMs: number };
}

/**
 * The agent's control socket, `GET /api/agent/live` with `Authorization: Device <credential>`: the
 * agent connects out, keeps it open (a ping every 25 s), and connects again with capped, jittered
 * backoff whenever it drops. Frames the server sends are checked against `agentServerFrame`.
 */
export class ControlSocket {
  #socket: WebSocket | null = null;
  #failures = 0;

  constructor(private readonly options: ControlSocketOptions) {}

  /** Sends a frame if the socket is open; false otherwise (the server learns the state again on reconnect). */
  send(frame: AgentClientFrame): boolean {
    const socket = this.#socket;
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  /** Drops the socket and connects again soon: the server sees a new hello (as after a restart). */
  reconnect(): void {
    this.#failures = 0;
    this.#socket?.terminate();
  }

  /** Connects and reconnects until the signal is aborted. */
  async run(signal: AbortSignal): Promise<void> {
    const { baseMs, capMs } = this.options.backoff ?? { baseMs: 1000, capMs: 60_000 };
    while (!signal.aborted) {
      const reason = await this.#connectOnce(signal);
      if (signal.aborted) break;
      const delay = backoffDelay(this.#failures, { baseMs, capMs, jitter: 'full' });
      this.#failures += 1;
      this.options.log(`control socket: ${reason}; connecting again in ${(delay / 1000).toFixed(1)} s`);
      await sleep(delay, signal);
    }
  }

  #connectOnce(signal: AbortSignal): Promise<string> {
    const { server, credential, log, onFrame, pingMs = 25_000, silenceMs = 70_000 } = this.options;
    return new Promise((resolve) => {
      const socket = new WebSocket(socketUrl(server, '/api/agent/live'), {
        headers: { authorization: `Device ${credential}` },
        maxPayload: agentFrameBytes,
        handshakeTimeout: 15_000,
      });
      this.#socket = socket;
      let heardAt = Date.now();
      let reason = 'closed';
      const ping = setInterval(() => {
        if (Date.now() - heardAt > silenceMs) {
          reason = 'no answer from the server';
          socket.terminate();
          return;
        }
        this.send({ type: 'ping' });
      }, pingMs);
      const stop = () => socket.close(1000, 'agent stopping');
      signal.addEventListener('abort', stop, { once: true });
      socket.on('unexpected-response', (_request, response) => {
        reason = `the server answered ${response.statusCode}`;
        socket.terminate();
      });
      socket.on('open', () => {
        heardAt = Date.now();
        log('control socket connected');
      });
      socket.on('message', (data, isBinary) => {
        heardAt = Date.now();
        if (isBinary) return;
        const parsed = safeJson(data.toString());
        const frame = agentServerFrame.safeParse(parsed);
        if (!frame.success) {
          log('control socket: a frame the agent does not know was ignored');
          return;
        }
        if (frame.data.type === 'hello') this.#failures = 0;
        onFrame(frame.data);
      });
      socket.on('error', (error) => {
        if (reason === 'closed') reason = error.message;
      });
      socket.on('close', () => {
        clearInterval(ping);
        signal.removeEventListener('abort', stop);
        if (this.#socket === socket) this.#socket = null;
        resolve(reason);
      });
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
