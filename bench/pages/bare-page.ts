/**
 * The two bare pages (bundled by bare-server.ts): `?role=sender` shares its own tab with
 * ScreenSender, `?role=receiver` shows it with ScreenReceiver; they signal through the bare server's
 * relay socket, with no Tandem in between. What the tests and the bench read is on `window.bare`.
 */
import type { RtcSignal } from '../../src/shared/session-signals.js';
import { ScreenReceiver, ScreenSender, shareScreen, type ReceiverStats } from '../../src/shared/rtc/screen-share.js';

interface BarePage {
  /** sender: watching viewers; receiver: 1 once its socket is open */
  viewers: number;
  /** sender: when the Share button was pressed (performance.timeOrigin + now, ms) */
  shareClickedAt: number | null;
  /** sender: when the browser gave the tab's stream */
  streamAt: number | null;
  /** receiver: when its connection reached `connected` */
  connectedAt: number | null;
  /** receiver: when the first received frame was presented */
  firstFrameAt: number | null;
  /** receiver: what onStream said, in order (`stream` or `none`) */
  streams: string[];
  error: string | null;
  stats(): Promise<ReceiverStats | null>;
  /** receiver: the received frame's pixel at (x, y) in 0..1 of its size, as [r, g, b] */
  samplePixel(x: number, y: number): number[] | null;
}

type Relayed = { type: 'viewer'; peerId: string } | { type: 'signal'; signal: RtcSignal };

declare global {
  interface Window {
    bare: BarePage;
  }
}

const params = new URLSearchParams(location.search);
const role = params.get('role');
const ice = JSON.parse(params.get('ice') ?? '{"iceServers":[]}') as {
  iceServers: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
};
const now = () => performance.timeOrigin + performance.now();
const socket = new WebSocket(`ws://${location.host}/signal?room=${params.get('room')}&role=${role}`);
const relay = (message: Relayed) => socket.send(JSON.stringify(message));

const bare: BarePage = {
  viewers: 0,
  shareClickedAt: null,
  streamAt: null,
  connectedAt: null,
  firstFrameAt: null,
  streams: [],
  error: null,
  stats: async () => null,
  samplePixel: () => null,
};
window.bare = bare;
const fail = (error: unknown) => {
  bare.error = error instanceof Error ? error.message : String(error);
};

if (role === 'sender') {
  const sender = new ScreenSender({ ...ice, send: (_peerId, signal) => relay({ type: 'signal', signal }) });
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as Relayed;
    if (message.type === 'viewer') {
      sender.addViewer(message.peerId);
      bare.viewers += 1;
    } else sender.receive('viewer', message.signal).catch(fail);
  };
  let current: MediaStream | null = null;
  document.getElementById('share')!.addEventListener('click', () => {
    bare.shareClickedAt = now();
    shareScreen({ preferCurrentTab: true })
      .then((stream) => {
        bare.streamAt = now();
        current = stream;
        sender.setStream(stream);
      })
      .catch(fail);
  });
  document.getElementById('stop')!.addEventListener('click', () => {
    for (const track of current?.getTracks() ?? []) track.stop();
    current = null;
    sender.setStream(null);
  });
} else {
  const video = document.getElementById('remote') as HTMLVideoElement;
  const receiver = new ScreenReceiver({
    ...ice,
    send: (signal) => relay({ type: 'signal', signal }),
    onState: (state) => {
      if (state === 'connected') bare.connectedAt ??= now();
    },
    onStream: (stream) => {
      bare.streams.push(stream ? 'stream' : 'none');
      video.srcObject = stream;
      if (stream && bare.firstFrameAt === null) {
        video.requestVideoFrameCallback(() => {
          bare.firstFrameAt ??= now();
        });
      }
    },
  });
  socket.onopen = () => {
    bare.viewers = 1;
  };
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as Relayed;
    if (message.type === 'signal') receiver.receive(message.signal).catch(fail);
  };
  bare.stats = () => receiver.stats();
  bare.samplePixel = (x, y) => {
    if (!video.videoWidth) return null;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(video, 0, 0);
    const data = context.getImageData(Math.floor(x * canvas.width), Math.floor(y * canvas.height), 1, 1).data;
    return [data[0]!, data[1]!, data[2]!];
  };
}
