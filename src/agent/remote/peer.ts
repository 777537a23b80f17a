import type { DataChannel, IceServer, PeerConnection } from 'node-datachannel';
import type { IceServers } from '../../shared/contracts/sessions.js';
import type { RtcSignal } from '../../shared/session-signals.js';
import type { Incoming, Transport } from './transport.js';

type Ndc = typeof import('node-datachannel');
type NdcIceServer = IceServer;

/** The portal's RTCIceServer list as node-datachannel takes it (one entry per URL). */
export function toNodeIceServers(ice: IceServers['iceServers']): NdcIceServer[] {
  const out: NdcIceServer[] = [];
  for (const server of ice)
    for (const url of server.urls) {
      const match = /^(stuns?|turns?):(\[[^\]]+\]|[^:?]+)(?::(\d+))?(?:\?transport=(udp|tcp))?$/i.exec(url.trim());
      if (!match) continue;
      const scheme = match[1]!.toLowerCase();
      const hostname = match[2]!.replace(/^\[|\]$/g, '');
      const secure = scheme.endsWith('s');
      const port = Number(match[3] ?? (secure ? 5349 : 3478));
      if (scheme.startsWith('stun')) out.push({ hostname, port });
      else
        out.push({
          hostname,
          port,
          username: server.username,
          password: server.credential,
          relayType: secure ? 'TurnTls' : match[4]?.toLowerCase() === 'tcp' ? 'TurnTcp' : 'TurnUdp',
        });
    }
  return out;
}

/**
 * The agent's WebRTC peer connection to one watching console (node-datachannel): the agent offers,
 * with a reliable ordered DataChannel labelled `remote`; signals go through the session socket.
 * When the channel opens, the viewer's messages move to it from the relay.
 */
export class ViewerPeer {
  readonly #pc: PeerConnection;
  #channel: DataChannel | null = null;
  #closed = false;
  #onState: ((what: string) => void) | undefined;

  constructor(
    ndc: Ndc,
    peerId: string,
    ice: IceServers,
    handlers: {
      signal: (signal: RtcSignal) => void;
      onOpen: (transport: Transport) => void;
      onMessage: (message: Incoming) => void;
      onClose: () => void;
      /** the connection's state as it changes, and any signal it could not take (for the log) */
      onState?: (what: string) => void;
    },
  ) {
    this.#pc = new ndc.PeerConnection(`tandem-${peerId}`, {
      iceServers: toNodeIceServers(ice.iceServers),
      iceTransportPolicy: ice.iceTransportPolicy,
      maxMessageSize: 256 * 1024,
    });
    this.#pc.onLocalDescription((sdp, type) => {
      if (type === 'offer' || type === 'answer') handlers.signal({ kind: 'description', description: { type, sdp } });
    });
    this.#pc.onLocalCandidate((candidate, mid) =>
      handlers.signal({
        kind: 'candidate',
        candidate: { candidate: candidate.replace(/^a=/, ''), sdpMid: mid, sdpMLineIndex: 0 },
      }),
    );
    this.#onState = handlers.onState;
    this.#pc.onStateChange((state) => this.#onState?.(state));
    this.#pc.onGatheringStateChange((state) => {
      if (state === 'complete') handlers.signal({ kind: 'candidate', candidate: null });
    });
    const channel = this.#pc.createDataChannel('remote');
    this.#channel = channel;
    const transport: Transport = {
      kind: 'webrtc',
      isOpen: () => !this.#closed && channel.isOpen(),
      sendText: (message) => {
        if (transport.isOpen()) channel.sendMessage(JSON.stringify(message));
      },
      sendBinary: (bytes) => {
        if (transport.isOpen())
          channel.sendMessageBinary(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
      buffered: () => (transport.isOpen() ? channel.bufferedAmount() : 0),
      close: () => this.close(),
    };
    channel.onOpen(() => handlers.onOpen(transport));
    channel.onMessage((message) => {
      if (typeof message === 'string') handlers.onMessage({ text: message });
      else handlers.onMessage({ bytes: new Uint8Array(message as ArrayBuffer) });
    });
    channel.onClosed(() => {
      if (!this.#closed) handlers.onClose();
    });
  }

  /** An answer or a candidate from the console. */
  signal(signal: RtcSignal): void {
    if (this.#closed) return;
    try {
      if (signal.kind === 'description') {
        if (signal.description.type === 'answer') this.#pc.setRemoteDescription(signal.description.sdp, 'answer');
      } else if (signal.candidate?.candidate) {
        this.#pc.addRemoteCandidate(signal.candidate.candidate, signal.candidate.sdpMid ?? '0');
      }
    } catch (error) {
      // a signal the connection cannot take: the relay carries the session meanwhile
      this.#onState?.(`refused a ${signal.kind} (${(error as Error).message})`);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#channel?.close();
      this.#pc.close();
    } catch {
      // already gone
    }
  }
}
