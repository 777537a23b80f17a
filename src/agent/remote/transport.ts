import WebSocket from 'ws';
import { remoteMessageMaxBytes, type RemoteToConsole } from '../../shared/remote/protocol.js';

/** One way to a viewer's console: its WebRTC DataChannel, or the relay WebSocket through the server. */
export interface Transport {
  readonly kind: 'webrtc' | 'relay';
  isOpen(): boolean;
  sendText(message: RemoteToConsole): void;
  sendBinary(bytes: Uint8Array): void;
  /** bytes queued and not yet sent */
  buffered(): number;
  close(): void;
}

export type Incoming = { text: string } | { bytes: Uint8Array };

/** Waits until a transport has sent most of what it holds (file chunks must not pile up). */
export async function drained(transport: Transport, below = 1024 * 1024): Promise<boolean> {
  while (transport.isOpen() && transport.buffered() > below) await new Promise((r) => setTimeout(r, 20));
  return transport.isOpen();
}

/** The relay, `GET /api/agent/sessions/{id}/relay/{relayId}`: the server pipes it to the console's relay socket. */
export function openRelay(options: {
  url: string;
  headers: Record<string, string>;
  onOpen: (transport: Transport) => void;
  onMessage: (message: Incoming) => void;
  onClose: (reason: string) => void;
}): Transport {
  const socket = new WebSocket(options.url, { headers: options.headers, maxPayload: remoteMessageMaxBytes + 1024 });
  const transport: Transport = {
    kind: 'relay',
    isOpen: () => socket.readyState === WebSocket.OPEN,
    sendText: (message) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
    sendBinary: (bytes) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(bytes, { binary: true });
    },
    buffered: () => socket.bufferedAmount,
    close: () => socket.close(1000, 'done'),
  };
  let reason = 'closed';
  socket.on('open', () => options.onOpen(transport));
  socket.on('message', (data, isBinary) => {
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    options.onMessage(isBinary ? { bytes: new Uint8Array(buffer) } : { text: buffer.toString('utf8') });
  });
  socket.on('unexpected-response', (_request, response) => {
    reason = `the server answered ${response.statusCode}`;
    socket.terminate();
  });
  socket.on('error', (error) => {
    if (reason === 'closed') reason = error.message;
  });
  socket.on('close', () => options.onClose(reason));
  return transport;
}
