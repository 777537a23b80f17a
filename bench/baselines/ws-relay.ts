/**
 * Baseline for chat: a bare `ws` server that relays each text frame of `/pair/ID/a` to
 * `/pair/ID/b` and back — the least a chat relay can do. Prints "listening PORT".
 */
import { WebSocketServer, type WebSocket } from 'ws';

const pairs = new Map<string, { a?: WebSocket; b?: WebSocket }>();
const server = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: 64 * 1024 });
server.on('connection', (socket, request) => {
  const match = /^\/pair\/([\w-]+)\/(a|b)$/.exec(request.url ?? '');
  if (!match) return socket.close(1008, 'bad path');
  const [, id, side] = match as unknown as [string, string, 'a' | 'b'];
  const pair = pairs.get(id) ?? {};
  pairs.set(id, pair);
  pair[side] = socket;
  socket.on('message', (data, isBinary) => {
    const other = side === 'a' ? pair.b : pair.a;
    other?.send(data, { binary: isBinary });
  });
  socket.on('close', () => {
    if (pair[side] === socket) delete pair[side];
    if (!pair.a && !pair.b) pairs.delete(id);
  });
});
server.on('listening', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
