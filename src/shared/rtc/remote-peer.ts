import type { RtcSignal } from '../session-signals.js';
import { CandidateQueue, candidateSignal, closePeer, descriptionSignal, sdpSessionId } from './screen-share.js';

/** The label of the DataChannel tandem-agent creates for a device session's messages. */
export const remoteChannelLabel = 'remote';

export interface RemotePeerOptions {
  iceServers: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  send: (signal: RtcSignal) => void;
  /** the agent's `remote` DataChannel arrived (not yet open, maybe) */
  onChannel: (channel: RTCDataChannel) => void;
  onState?: (state: RTCPeerConnectionState) => void;
  /** made here in a browser; a test passes its own */
  createPeer?: (configuration: RTCConfiguration) => RTCPeerConnection;
}

/**
 * The technician's side of a device session's peer connection: tandem-agent offers (one connection
 * per watching console socket) and creates the DataChannel `remote`; this side answers and hands the
 * channel over. A new offer from a new agent connection (the agent restarted) is answered on a fresh
 * RTCPeerConnection; candidates that arrive before the offer wait.
 */
export class RemotePeer {
  private pc: RTCPeerConnection;
  private candidates: CandidateQueue;
  private remoteSession: string | null = null;
  private closed = false;

  constructor(private readonly opts: RemotePeerOptions) {
    this.pc = this.open();
    this.candidates = new CandidateQueue(this.pc);
  }

  /** An offer or a candidate from the agent. */
  async receive(signal: RtcSignal): Promise<void> {
    if (this.closed) return;
    if (signal.kind === 'candidate') return this.candidates.add(signal.candidate);
    if (signal.description.type !== 'offer') return;
    const session = sdpSessionId(signal.description.sdp);
    if (this.remoteSession !== null && session !== this.remoteSession) this.reopen();
    this.remoteSession = session;
    const pc = this.pc;
    try {
      await pc.setRemoteDescription(signal.description);
      await pc.setLocalDescription();
      const answer = descriptionSignal(pc.localDescription);
      if (answer && pc === this.pc) this.opts.send(answer);
      await this.candidates.flush();
    } catch {
      // closed meanwhile, or an offer this connection cannot take: the relay carries the session
    }
  }

  close(): void {
    this.closed = true;
    closePeer(this.pc);
    this.pc.ondatachannel = null;
  }

  private open(): RTCPeerConnection {
    const configuration: RTCConfiguration = {
      iceServers: this.opts.iceServers,
      iceTransportPolicy: this.opts.iceTransportPolicy ?? 'all',
    };
    const pc = this.opts.createPeer ? this.opts.createPeer(configuration) : new RTCPeerConnection(configuration);
    pc.onicecandidate = (event) => {
      if (pc === this.pc) this.opts.send(candidateSignal(event.candidate));
    };
    pc.ondatachannel = (event) => {
      if (pc === this.pc && event.channel.label === remoteChannelLabel) this.opts.onChannel(event.channel);
    };
    pc.onconnectionstatechange = () => {
      if (pc === this.pc) this.opts.onState?.(pc.connectionState);
    };
    return pc;
  }

  private reopen() {
    closePeer(this.pc);
    this.pc.ondatachannel = null;
    this.pc = this.open();
    this.candidates = new CandidateQueue(this.pc);
  }
}
