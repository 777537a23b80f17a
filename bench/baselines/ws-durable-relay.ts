/**
 * P3's baseline: a bare `ws` relay that keeps each message before passing it on — the least any
 * chat that stores a message before acknowledging it can do. A text frame of `/pair/ID/a` is
 * written to PostgreSQL in one committed statement (the row inserted and a NOTIFY carrying it,
 * through a 20-connection pool like Tandem's), and sent to `/pair/ID/b` when this process's LISTEN
 * connection hears the notice. One pair's frames are written one after another, so they arrive in
 * order. Usage: ws-durable-relay.ts DATABASE_URL. Prints "listening PORT".
 */
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import { openDatabase } from '../../src/server/platform/db/pool.js';

const channel = 'bench_chat_relay';
const [url] = process.argv.slice(2) as [string];
const database = openDatabase(url, { max: 20 });
await database.pool.query(
  'create table if not exists bench_chat_messages (id bigserial primary key, chat text not null, frame text not null, created_at timestamptz not null default now())',
);
// the pool's connections opened before the first message, as Tandem's are by the time it is measured
const warm = await Promise.all(Array.from({ length: 20 }, () => database.pool.connect()));
for (const client of warm) client.release();
const store = (chat: string, frame: string) =>
  database.pool.query(
    `with m as (insert into bench_chat_messages (chat, frame) values ($1, $2) returning chat, frame)
     select pg_notify('${channel}', m.chat || ' ' || m.frame) from m`,
    [chat, frame],
  );

const pairs = new Map<string, { a?: WebSocket; b?: WebSocket }>();
const listener = new pg.Client({ connectionString: url });
await listener.connect();
listener.on('notification', ({ payload = '' }) => {
  const space = payload.indexOf(' ');
  pairs.get(payload.slice(0, space))?.b?.send(payload.slice(space + 1));
});
await listener.query(`listen ${channel}`);

const server = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: 64 * 1024 });
server.on('connection', (socket, request) => {
  const match = /^\/pair\/([\w-]+)\/(a|b)$/.exec(request.url ?? '');
  if (!match) return socket.close(1008, 'bad path');
  const [, id, side] = match as unknown as [string, string, 'a' | 'b'];
  const pair = pairs.get(id) ?? {};
  pairs.set(id, pair);
  pair[side] = socket;
  let written = Promise.resolve();
  socket.on('message', (data) => {
    if (side !== 'a') return;
    const frame = data.toString();
    // a failed write is reported and the message lost (the bench counts it missing)
    written = written
      .then(() => store(id, frame))
      .then(
        () => undefined,
        (err: Error) => console.error(`store failed: ${err.message}`),
      );
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
process.on('SIGTERM', () => {
  void (async () => {
    await database.pool.query('drop table if exists bench_chat_messages').catch(() => undefined);
    await Promise.allSettled([listener.end(), database.close()]);
    process.exit(0);
  })();
});
