import type WebSocket from 'ws';
import { inBatches } from './batches.js';
import { nextFrame, openSocket, type ChatFixture } from './chat-fixture.js';
import type { Conversation } from './ws-load.js';

/** A fixture's chats open on real sockets, ready to carry loads one after another. */
interface OpenChats {
  /**
   * The chats as conversations for one load: messages carry client ids `label1`, `label2`…, so a
   * later load (another label) is never taken for a repeat of an earlier one.
   */
  conversations(label: string): Conversation[];
  sockets: WebSocket[];
  /** error frames received on any socket */
  errors: string[];
  close(): void;
}

interface TechnicianFrame {
  type: string;
  requestId?: string;
  message?: { seq: number; clientId: string | null; body: string; author: { type: string } };
}

/**
 * The chats as conversations: each customer on the portal socket (resumed), each technician on
 * the console live socket following the chats they hold (a technician holding none has the socket
 * open all the same). A message goes from the customer's `message` frame to the technician's
 * `support.message`. `technicianLive` puts the technicians on another process's live socket.
 */
export async function openChats(
  fixture: ChatFixture,
  { technicianLive = fixture.liveUrl }: { technicianLive?: string } = {},
): Promise<OpenChats> {
  const index = new Map(fixture.chats.map((chat, i) => [chat.id, i]));
  const handlers: ((n: number) => void)[] = [];
  const errors: string[] = [];
  const sockets: WebSocket[] = [];
  let label = '';

  // technicians: one live socket each, following every chat they hold (the replay of message 2
  // proves each subscription is in place)
  await inBatches(fixture.technicians, 10, async (technician) => {
    const socket = await openSocket(technicianLive, { cookie: technician.session.cookie });
    sockets.push(socket);
    await nextFrame(socket, (f) => f.type === 'hello');
    const mine = fixture.chats.filter((c) => c.technician === technician);
    const followed = new Set<string>();
    const ready = new Promise<void>((resolve) => {
      if (mine.length === 0) resolve();
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as TechnicianFrame;
        if (frame.type === 'error') errors.push(`technician: ${JSON.stringify(frame)}`);
        if (frame.type !== 'support.message' || !frame.message) return;
        const { message } = frame;
        if (message.seq === 2 && !followed.has(frame.requestId!)) {
          followed.add(frame.requestId!);
          if (followed.size === mine.length) resolve();
          return;
        }
        if (message.author.type === 'customer' && label && message.clientId?.startsWith(label))
          handlers[index.get(frame.requestId!)!]?.(Number(message.body));
      });
    });
    for (const chat of mine)
      socket.send(JSON.stringify({ type: 'support.subscribe', requestId: chat.id, afterSeq: 1 }));
    await ready;
  });

  // customers: the portal socket, resumed after what they hold
  const customers = await inBatches(fixture.chats, 50, async (chat) => {
    const socket = await openSocket(fixture.customerUrl(chat), {}, chat.address);
    sockets.push(socket);
    const hello = await nextFrame(socket, (f) => f.type === 'hello');
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string };
      if (frame.type === 'error') errors.push(`customer: ${data.toString()}`);
    });
    socket.send(JSON.stringify({ type: 'resume', afterSeq: hello.lastSeq }));
    return socket;
  });

  return {
    conversations: (next) => {
      label = next;
      return customers.map((socket, i): Conversation => ({
        send: (n) => socket.send(JSON.stringify({ type: 'message', clientId: `${next}${n}`, body: String(n) })),
        onReceive: (handler) => void (handlers[i] = handler),
      }));
    },
    sockets,
    errors,
    close: () => {
      for (const s of sockets) s.terminate();
    },
  };
}
