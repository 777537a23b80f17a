import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * The bare pages' server: the page script (bare-page.ts with src/shared/rtc/screen-share.ts, bundled
 * by esbuild), the two pages, and a relay socket that passes signals between the sender and the
 * receiver of one room as they are, and tells the sender when its receiver is there.
 */

/** The sender's tab: a marker on the left half, white on the right, the Share button in a corner. */
export const markerColour = [230, 30, 140] as const;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  '<style>html,body{margin:0;height:100%;background:#fff}' +
  `#marker{position:fixed;left:0;top:0;width:50vw;height:100vh;background:rgb(${markerColour.join(',')})}` +
  '#share,#stop{position:fixed;right:8px;bottom:8px}#stop{right:80px}video{display:block;max-width:100%}</style></head>' +
  `<body>${body}<script src="/bare-page.js"></script></body></html>`;

const pages: Record<string, string> = {
  '/sender.html': page(
    'Bare sender',
    '<div id="marker"></div><button id="share">Share</button><button id="stop">Stop</button>',
  ),
  '/receiver.html': page('Bare receiver', '<video id="remote" autoplay muted playsinline></video>'),
};

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'bare-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export async function startBareServer(): Promise<BareServer> {
  const script = await bundle();
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://bare').pathname;
    if (pathname === '/bare-page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (pages[pathname]) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(pages[pathname]);
    } else res.writeHead(404).end();
  });
  const rooms = new Map<string, { sender?: WebSocket; receiver?: WebSocket }>();
  const wss = new WebSocketServer({ server, path: '/signal' });
  wss.on('connection', (socket, req) => {
    const query = new URL(req.url ?? '/', 'http://bare').searchParams;
    const roomId = query.get('room') ?? '';
    const role = query.get('role') === 'sender' ? 'sender' : 'receiver';
    const room = rooms.get(roomId) ?? {};
    rooms.set(roomId, room);
    room[role] = socket;
    const other = () => (role === 'sender' ? room.receiver : room.sender);
    if (room.sender && room.receiver) room.sender.send(JSON.stringify({ type: 'viewer', peerId: 'viewer' }));
    socket.on('message', (data) => other()?.send(String(data)));
    socket.on('close', () => {
      if (room[role] === socket) delete room[role];
      if (!room.sender && !room.receiver) rooms.delete(roomId);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

/** A TURN REST credential (coturn's `use-auth-secret`), valid for an hour. */
function turnCredential(secret: string, name: string) {
  const username = `${Math.floor(Date.now() / 1000) + 3600}:${name}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

export interface IceConfig {
  iceServers: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
}

/**
 * Relay-only through the coturn that `scripts/in-netns.sh --turn` started (TANDEM_TEST_TURN_URL and
 * TANDEM_TURN_SECRET); null when it did not.
 */
export function relayOnlyIce(): IceConfig | null {
  const url = process.env.TANDEM_TEST_TURN_URL;
  const secret = process.env.TANDEM_TURN_SECRET;
  if (!url || !secret) return null;
  return { iceServers: [{ urls: [url], ...turnCredential(secret, 'bare') }], iceTransportPolicy: 'relay' };
}

/** Host candidates only: no STUN or TURN server. */
export const hostIce: IceConfig = { iceServers: [] };
