import type { RemoteToConsole } from '../../shared/remote/protocol.js';
import type { RawFrame } from './capture.js';
import { ViewerFlow } from './flow-control.js';
import type { ViewerPeer } from './peer.js';
import type { StreamTarget } from './screen-streamer.js';
import type { EncodedTile } from './tile-encoder.js';
import type { Transport } from './transport.js';

type Refusal = Extract<RemoteToConsole, { t: 'refused' }>['reason'];

/**
 * One watching console (a technician's live socket, `peerId`): its relay and WebRTC transports, its
 * flow control and picture state, whether its input is applied (`control`), what it was refused.
 * Messages go over the DataChannel once open, else over the relay.
 */
export class Viewer implements StreamTarget {
  relay: Transport | null = null;
  channel: Transport | null = null;
  peer: ViewerPeer | null = null;
  /** the transport the viewer was last greeted on */
  greeted: Transport | null = null;
  flow = new ViewerFlow();
  last: RawFrame | null = null;
  queue: EncodedTile[] = [];
  nextSeq = 1;
  screenKey = '';
  lastScale = 1;
  readonly #refused = new Set<string>();
  /** file messages of this viewer, one after the other */
  fileChain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly peerId: string,
    public name: string,
    public control: boolean,
    public monitorId: number,
  ) {}

  transport(): Transport | null {
    if (this.channel?.isOpen()) return this.channel;
    if (this.relay?.isOpen()) return this.relay;
    return null;
  }

  send(message: RemoteToConsole): void {
    this.transport()?.sendText(message);
  }

  /** Starts over on a transport: what was in flight elsewhere is forgotten, the whole screen is sent again. */
  restart(): void {
    this.flow.reset();
    this.queue = [];
    this.last = null;
    this.screenKey = '';
  }

  /** Says `refused` for this kind of message the first time only. */
  refuseOnce(what: string, reason: Refusal): void {
    if (this.#refused.has(`${what}:${reason}`)) return;
    this.#refused.add(`${what}:${reason}`);
    this.send({ t: 'refused', what: what.slice(0, 32), reason });
  }

  close(): void {
    this.peer?.close();
    this.relay?.close();
    this.peer = null;
    this.relay = null;
    this.channel = null;
  }
}
