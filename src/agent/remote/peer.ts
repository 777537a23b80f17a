import type { DataChannel, IceServer, PeerConnection } from 'node-datachannel';
import type { IceServers } from '../../shared/contracts/sessions.js';
import type { RtcSignal } from '../../shared/session-signals.js';
import type { Incoming, Transport } from './transport.js';

type Ndc = typeof import('node-datachannel');
type NdcIceServer = IceServer;
type CandidateSignal = Extract<RtcSignal, { kind: 'candidate' }>;

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
 *
 * The agent's addresses go to the console only once its answer is set here. A console that knows
 * them sooner checks them at once, and its checks can reach the agent before the answer does (a
 * direct path is quicker than the way through the server): on a loaded machine about one such
 * connection in four failed within milliseconds of the answer (none in twenty since), likely
 * because the agent's ICE connected while its DTLS role was still unknown. Sent after the answer,
 * they cost one signalling hop.
 */
export class ViewerPeer {
  readonly #pc: PeerConnection;
  #channel: DataChannel | null = null;
  #closed = false;
  #onState: ((what: string) => void) | undefined;
  #send: (signal: RtcSignal) => void;
  /** the agent's own candidates, held until the console's answer is set; null once it is */
  #heldCandidates: Array<CandidateSignal['candidate']> | null = [];

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
    this.#send = handlers.signal;
    this.#pc.onLocalDescription((sdp, type) => {
      if (type !== 'offer' && type !== 'answer') return;
      // its candidates follow the answer, one by one (see above)
      const withoutCandidates = sdp
        .split(/\r?\n/)
        .filter((line) => !/^a=(candidate|end-of-candidates)/.test(line))
        .join('\r\n');
      handlers.signal({ kind: 'description', description: { type, sdp: withoutCandidates } });
    });
    this.#pc.onLocalCandidate((candidate, mid) =>
      this.#candidate({ candidate: candidate.replace(/^a=/, ''), sdpMid: mid, sdpMLineIndex: 0 }),
    );
    this.#onState = handlers.onState;
    this.#pc.onStateChange((state) => this.#onState?.(state));
    this.#pc.onGatheringStateChange((state) => {
      if (state === 'complete') this.#candidate(null);
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
        if (signal.description.type !== 'answer') return;
        this.#pc.setRemoteDescription(signal.description.sdp, 'answer');
        const held = this.#heldCandidates ?? [];
        this.#heldCandidates = null;
        for (const candidate of held) this.#send({ kind: 'candidate', candidate });
      } else if (signal.candidate?.candidate) {
        this.#pc.addRemoteCandidate(signal.candidate.candidate, signal.candidate.sdpMid ?? '0');
      }
    } catch (error) {
      // a signal the connection cannot take: the relay carries the session meanwhile
      this.#onState?.(`refused a ${signal.kind} (${(error as Error).message})`);
    }
  }

  #candidate(candidate: CandidateSignal['candidate']): void {
    if (this.#heldCandidates) this.#heldCandidates.push(candidate);
    else this.#send({ kind: 'candidate', candidate });
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
