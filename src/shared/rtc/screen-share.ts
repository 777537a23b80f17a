import type { RtcSignal } from '../session-signals.js';

/**
 * The screen of a remote-support session, browser side, shared by the portal (the customer's page
 * sends) and the console (the technician's page receives).
 *
 * The customer's page is the only offerer: one RTCPeerConnection per watching technician socket
 * (`peerId`), the screen's video track on one sendonly transceiver for the connection's life. An
 * offer goes out as soon as both a stream and the viewer exist; a new stream replaces the track (and
 * re-offers when the direction changes); no stream sets the transceiver inactive. A
 * connection that fails restarts ICE with a new offer. Candidates that arrive before the remote
 * description are queued. The technician's page answers (recvonly) and reports the stream it gets.
 */

type CandidateInit = NonNullable<Extract<RtcSignal, { kind: 'candidate' }>['candidate']>;

interface SenderOptions {
  iceServers: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  send: (peerId: string, signal: RtcSignal) => void;
  onPeerState?: (peerId: string, state: RTCPeerConnectionState) => void;
}

interface ReceiverOptions {
  iceServers: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  send: (signal: RtcSignal) => void;
  onStream: (stream: MediaStream | null) => void;
  onState?: (state: RTCPeerConnectionState) => void;
}

export interface ReceiverStats {
  framesDecoded: number;
  framesPerSecond: number | null;
  frameWidth: number | null;
  frameHeight: number | null;
  bytesReceived: number;
  roundTripMs: number | null;
  /** the path's kind: `relay` when either end relays through TURN, otherwise this end's candidate type */
  candidateType: 'host' | 'srflx' | 'prflx' | 'relay' | null;
}

/** Candidates held until the remote description is set, then added in order. */
export class CandidateQueue {
  private pending: (CandidateInit | null)[] = [];

  constructor(private readonly pc: RTCPeerConnection) {}

  async add(candidate: CandidateInit | null) {
    if (!this.pc.remoteDescription) {
      this.pending.push(candidate);
      return;
    }
    await addCandidate(this.pc, candidate);
  }

  async flush() {
    const pending = this.pending;
    this.pending = [];
    for (const candidate of pending) await addCandidate(this.pc, candidate);
  }
}

async function addCandidate(pc: RTCPeerConnection, candidate: CandidateInit | null) {
  try {
    // null: the far end gathered everything (an empty call says so)
    await (candidate ? pc.addIceCandidate(candidate) : pc.addIceCandidate());
  } catch {
    // a candidate of an earlier ICE generation, or for a description replaced since: harmless
  }
}

export function candidateSignal(candidate: RTCIceCandidate | null): RtcSignal {
  if (!candidate) return { kind: 'candidate', candidate: null };
  return {
    kind: 'candidate',
    candidate: {
      candidate: candidate.candidate,
      sdpMid: candidate.sdpMid,
      sdpMLineIndex: candidate.sdpMLineIndex,
      usernameFragment: candidate.usernameFragment,
    },
  };
}

export function descriptionSignal(description: RTCSessionDescription | null): RtcSignal | null {
  if (!description || (description.type !== 'offer' && description.type !== 'answer')) return null;
  return { kind: 'description', description: { type: description.type, sdp: description.sdp } };
}

const rtcConfiguration = (opts: { iceServers: RTCIceServer[]; iceTransportPolicy?: RTCIceTransportPolicy }) => ({
  iceServers: opts.iceServers,
  iceTransportPolicy: opts.iceTransportPolicy ?? 'all',
});

interface SenderPeer {
  pc: RTCPeerConnection;
  candidates: CandidateQueue;
  transceiver: RTCRtpTransceiver | null;
}

type IceConfig = Pick<SenderOptions, 'iceServers' | 'iceTransportPolicy'>;

export class ScreenSender {
  private readonly peers = new Map<string, SenderPeer>();
  private stream: MediaStream | null = null;
  private closed = false;
  private ice: IceConfig;

  constructor(private readonly opts: SenderOptions) {
    this.ice = { iceServers: opts.iceServers, iceTransportPolicy: opts.iceTransportPolicy };
  }

  /** New ICE servers (fresh TURN credentials): for connections opened from now on and the next gathering of open ones. */
  setIceServers(ice: IceConfig): void {
    if (ice.iceServers === this.ice.iceServers && ice.iceTransportPolicy === this.ice.iceTransportPolicy) return;
    this.ice = ice;
    for (const { pc } of this.peers.values()) {
      try {
        pc.setConfiguration({ ...pc.getConfiguration(), ...rtcConfiguration(ice) });
      } catch {
        // closed meanwhile
      }
    }
  }

  /** The screen to send (null: stop sending; the viewers' connections stay open). */
  setStream(stream: MediaStream | null): void {
    this.stream = stream;
    for (const peer of this.peers.values()) void this.applyStream(peer);
  }

  /** A technician socket watches: open its connection (offered once there is a stream). */
  addViewer(peerId: string): void {
    if (this.closed) return;
    this.removeViewer(peerId);
    const pc = new RTCPeerConnection(rtcConfiguration(this.ice));
    const peer: SenderPeer = { pc, candidates: new CandidateQueue(pc), transceiver: null };
    this.peers.set(peerId, peer);
    pc.onicecandidate = (event) => this.opts.send(peerId, candidateSignal(event.candidate));
    pc.onnegotiationneeded = () => void this.offer(peerId, peer);
    pc.onconnectionstatechange = () => {
      if (this.peers.get(peerId) !== peer) return;
      this.opts.onPeerState?.(peerId, pc.connectionState);
      // a new offer with fresh ICE credentials (negotiationneeded follows)
      if (pc.connectionState === 'failed') pc.restartIce();
    };
    void this.applyStream(peer);
  }

  removeViewer(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    closePeer(peer.pc);
  }

  /** An answer or a candidate from one viewer. */
  async receive(peerId: string, signal: RtcSignal): Promise<void> {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    if (signal.kind === 'candidate') return peer.candidates.add(signal.candidate);
    // only answers come back: this side makes every offer; an answer to an offer since replaced is stale
    if (signal.description.type !== 'answer' || peer.pc.signalingState !== 'have-local-offer') return;
    await peer.pc.setRemoteDescription(signal.description);
    await peer.candidates.flush();
  }

  close(): void {
    this.closed = true;
    for (const peerId of [...this.peers.keys()]) this.removeViewer(peerId);
    this.stream = null;
  }

  private async applyStream(peer: SenderPeer) {
    const stream = this.stream;
    const track = stream?.getVideoTracks()[0] ?? null;
    try {
      if (!peer.transceiver) {
        // the first offer waits for a stream: negotiationneeded fires after addTransceiver
        if (!stream || !track) return;
        peer.transceiver = peer.pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
        return;
      }
      // The first stream's id stays the connection's (no setStreams: Chromium then re-offers the old id
      // after the new one); the receiver sees the same stream again when the direction comes back.
      const { sender } = peer.transceiver;
      if (sender.track !== track) await sender.replaceTrack(track);
      peer.transceiver.direction = stream && track ? 'sendonly' : 'inactive';
    } catch {
      // the connection was closed meanwhile
    }
  }

  private async offer(peerId: string, peer: SenderPeer) {
    if (!peer.transceiver || this.peers.get(peerId) !== peer) return;
    try {
      await peer.pc.setLocalDescription();
      const signal = descriptionSignal(peer.pc.localDescription);
      if (signal && this.peers.get(peerId) === peer) this.opts.send(peerId, signal);
    } catch {
      // closed, or another negotiation already under way (negotiationneeded will fire again)
    }
  }
}

/** The `o=` line's session id: a new one means the offerer started a new connection. */
export function sdpSessionId(sdp: string): string | null {
  return /^o=\S+ (\S+) /m.exec(sdp)?.[1] ?? null;
}

export class ScreenReceiver {
  private pc: RTCPeerConnection;
  private candidates: CandidateQueue;
  private remoteSession: string | null = null;
  private stream: MediaStream | null = null;
  private closed = false;

  constructor(private readonly opts: ReceiverOptions) {
    this.pc = this.open();
    this.candidates = new CandidateQueue(this.pc);
  }

  /** An offer or a candidate from the customer's page. */
  async receive(signal: RtcSignal): Promise<void> {
    if (this.closed) return;
    if (signal.kind === 'candidate') return this.candidates.add(signal.candidate);
    if (signal.description.type !== 'offer') return;
    const session = sdpSessionId(signal.description.sdp);
    if (this.remoteSession !== null && session !== this.remoteSession) this.reopen();
    this.remoteSession = session;
    const pc = this.pc;
    await pc.setRemoteDescription(signal.description);
    await pc.setLocalDescription();
    const answer = descriptionSignal(pc.localDescription);
    if (answer && pc === this.pc) this.opts.send(answer);
    await this.candidates.flush();
    // the sender stopped (inactive) or resumed: ontrack covers the resume
    const video = pc.getTransceivers().find((t) => t.receiver.track.kind === 'video');
    if (video?.currentDirection === 'inactive') this.emit(null);
  }

  async stats(): Promise<ReceiverStats> {
    const report = await this.pc.getStats();
    const entries = new Map<string, Record<string, unknown>>();
    report.forEach((value: Record<string, unknown>, key: string) => entries.set(key, value));
    const result: ReceiverStats = {
      framesDecoded: 0,
      framesPerSecond: null,
      frameWidth: null,
      frameHeight: null,
      bytesReceived: 0,
      roundTripMs: null,
      candidateType: null,
    };
    let pairId: string | null = null;
    for (const entry of entries.values()) {
      if (entry.type === 'inbound-rtp' && entry.kind === 'video') {
        result.framesDecoded += numberOr(entry.framesDecoded, 0);
        result.bytesReceived += numberOr(entry.bytesReceived, 0);
        result.framesPerSecond = numberOr(entry.framesPerSecond, result.framesPerSecond);
        result.frameWidth = numberOr(entry.frameWidth, result.frameWidth);
        result.frameHeight = numberOr(entry.frameHeight, result.frameHeight);
      }
      if (entry.type === 'transport' && typeof entry.selectedCandidatePairId === 'string') {
        pairId = entry.selectedCandidatePairId;
      }
    }
    const pair =
      (pairId ? entries.get(pairId) : undefined) ??
      [...entries.values()].find((e) => e.type === 'candidate-pair' && e.nominated && e.state === 'succeeded');
    if (pair) {
      const rtt = numberOr(pair.currentRoundTripTime, null);
      result.roundTripMs = rtt === null ? null : Math.round(rtt * 1000);
      const local = entries.get(String(pair.localCandidateId))?.candidateType;
      const remote = entries.get(String(pair.remoteCandidateId))?.candidateType;
      result.candidateType = remote === 'relay' ? 'relay' : candidateTypeOf(local);
    }
    return result;
  }

  close(): void {
    this.closed = true;
    closePeer(this.pc);
    this.emit(null);
  }

  private open(): RTCPeerConnection {
    const pc = new RTCPeerConnection(rtcConfiguration(this.opts));
    pc.onicecandidate = (event) => {
      if (pc === this.pc) this.opts.send(candidateSignal(event.candidate));
    };
    pc.ontrack = (event) => {
      if (pc !== this.pc || event.track.kind !== 'video') return;
      this.emit(event.streams[0] ?? new MediaStream([event.track]));
    };
    pc.onconnectionstatechange = () => {
      if (pc === this.pc) this.opts.onState?.(pc.connectionState);
    };
    return pc;
  }

  /** The customer's page opened a new connection (a reload): answer it on a fresh one. */
  private reopen() {
    closePeer(this.pc);
    this.emit(null);
    this.pc = this.open();
    this.candidates = new CandidateQueue(this.pc);
  }

  private emit(stream: MediaStream | null) {
    if (stream === this.stream) return;
    this.stream = stream;
    this.opts.onStream(stream);
  }
}

export function closePeer(pc: RTCPeerConnection) {
  pc.onicecandidate = null;
  pc.ontrack = null;
  pc.onnegotiationneeded = null;
  pc.onconnectionstatechange = null;
  pc.close();
}

function numberOr<T extends number | null>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function candidateTypeOf(value: unknown): ReceiverStats['candidateType'] {
  return value === 'host' || value === 'srflx' || value === 'prflx' || value === 'relay' ? value : null;
}

/** Whether this browser can share its screen (phones mostly cannot). */
export function screenSharingSupport(): 'supported' | 'unsupported' {
  const supported =
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getDisplayMedia === 'function' &&
    typeof RTCPeerConnection !== 'undefined';
  return supported ? 'supported' : 'unsupported';
}

/** Asks the person for a screen, a window or (preferCurrentTab) this tab; video only. */
export function shareScreen(options?: { preferCurrentTab?: boolean }): Promise<MediaStream> {
  const constraints: DisplayMediaStreamOptions & { preferCurrentTab?: boolean } = { video: true, audio: false };
  if (options?.preferCurrentTab) constraints.preferCurrentTab = true;
  return navigator.mediaDevices.getDisplayMedia(constraints);
}
