import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { chatSocketLimits, customerClientFrame, type CustomerServerFrame } from '../../../shared/realtime.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/http/app-error.js';
import { SocketGate } from '../../platform/realtime/socket-gate.js';
import { limits } from '../../../shared/limits.js';
import { FrameBudget } from '../live/index.js';
import { sharedReads } from '../portals/index.js';
import { MessageFollower, type CustomerEndpoint, type SupportFanout } from './fanout.js';
import type { loadMessages } from './messages.js';
import { announceChat } from './announce.js';
import { visitorRead, visitorSend, visitorUrl, visitorView, type VisitorAccess } from './visitor.js';

type ChatErrorCode = Extract<CustomerServerFrame, { type: 'error' }>['code'];

const errorCodeOf: Partial<Record<ErrorCode, ChatErrorCode>> = {
  validation_failed: 'invalid_frame',
  forbidden: 'not_allowed',
  not_found: 'not_found',
  conflict: 'closed',
  rate_limited: 'rate_limited',
  unavailable: 'unavailable',
  payload_too_large: 'too_large',
};

/** The chat sockets' gate: at most `chatSocketsPerToken` per visitor token and `chatSocketsPerAddress` per address. */
export function chatSocketGate(
  perToken: number = limits.chatSocketsPerToken,
  perAddress: number = limits.chatSocketsPerAddress,
): SocketGate {
  return new SocketGate(
    {
      perToken: (limit) =>
        new AppError('rate_limited', `This chat is already open in ${limit} windows: close one and try again.`, {
          reason: 'chat_sockets_per_token',
          limit,
        }),
      perAddress: (limit) =>
        new AppError(
          'rate_limited',
          `Too many chats are open from your network (at most ${limit}): close some and try again.`,
          {
            reason: 'chat_sockets_per_address',
            limit,
          },
        ),
    },
    perToken,
    perAddress,
  );
}

/** Refused frames in a row after which the socket is closed: a client ignoring `rate_limited`. */
const refusalsBeforeClose = 50;

/**
 * What an open chat socket keeps of its request: a few fields, not the request row and its portal
 * (thousands of sockets stay open for hours).
 */
interface ChatOfSocket {
  requestId: string;
  accountId: string;
  companyId: string;
  customerName: string;
  slug: string;
}

class CustomerFollower extends MessageFollower {
  private readonly attachmentUrl: (attachmentId: string) => string;
  constructor(
    private readonly socket: CustomerSocket,
    db: Db,
  ) {
    super(socket.chat.requestId, db);
    this.attachmentUrl = visitorUrl(socket.chat.slug, socket.chat.requestId);
  }
  protected url(attachmentId: string) {
    return this.attachmentUrl(attachmentId);
  }
  protected sendMessages(messages: Awaited<ReturnType<typeof loadMessages>>) {
    for (const message of messages) this.socket.send({ type: 'message', message });
  }
}

/**
 * One customer's chat socket. Frames are handled one at a time in the order sent; each is
 * size-checked, rate-limited and validated, and a bad one gets an `error` frame — never a crash.
 * Messages are acknowledged only once stored; nothing is pushed before the client's `resume`.
 */
export class CustomerSocket implements CustomerEndpoint {
  readonly chat: ChatOfSocket;
  readonly follower: MessageFollower;
  /** the request and portal as read at connection: kept until `hello` is sent */
  private access: VisitorAccess | null;
  lastQueue: string | null = null;
  private readonly budget = new FrameBudget(
    chatSocketLimits.framesPerWindow / (chatSocketLimits.rateWindowMs / 1000),
    chatSocketLimits.framesPerWindow,
  );
  private refusedInARow = 0;
  private chain: Promise<void> = Promise.resolve();
  private typing = false;

  constructor(
    private readonly socket: WebSocket,
    access: VisitorAccess,
    private readonly token: string,
    private readonly db: Db,
    private readonly fanout: SupportFanout,
    private readonly log: FastifyBaseLogger,
  ) {
    const { request, portal } = access;
    this.access = access;
    this.chat = {
      requestId: request.id,
      accountId: request.accountId,
      companyId: request.companyId,
      customerName: request.customerName,
      slug: portal.slug,
    };
    this.follower = new CustomerFollower(this, db);
  }

  get accountId() {
    return this.chat.accountId;
  }
  get companyId() {
    return this.chat.companyId;
  }

  send(frame: CustomerServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** The first frame: the chat as it stands. */
  private async hello(): Promise<void> {
    const access = this.access!;
    this.access = null;
    const view = await visitorView(
      this.db,
      access,
      new Date(),
      await sharedReads.portalContext(this.db, access.portal),
    );
    if (view.queue) this.lastQueue = JSON.stringify(view.queue);
    this.send({
      type: 'hello',
      requestId: view.id,
      status: view.status,
      lastSeq: view.lastSeq,
      queue: view.queue,
      technicianName: view.technicianName,
    });
  }

  open(): void {
    this.fanout.addCustomer(this);
    this.chain = this.chain
      .then(() => this.hello())
      .catch((err) => {
        // the page reconnects and is greeted then
        this.log.warn({ err }, 'customer socket: hello failed');
        this.socket.close(1011, 'unavailable');
      });
    this.socket.on('message', (data, isBinary) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      const text = isBinary ? null : data.toString();
      this.chain = this.chain
        .then(() => this.receive(text, size))
        .catch((err) => this.log.error({ err }, 'customer socket frame failed'));
    });
    this.socket.on('close', () => {
      this.fanout.removeCustomer(this);
      if (this.typing)
        void announceChat(this.db, {
          requestId: this.chat.requestId,
          event: 'typing',
          side: 'customer',
          typing: false,
          name: null,
        }).catch(() => {});
    });
  }

  private refuse(code: ChatErrorCode, message: string, ref: string | null = null): void {
    if (++this.refusedInARow >= refusalsBeforeClose) {
      this.socket.close(4429, 'too many refused frames');
      return;
    }
    this.send({ type: 'error', code, message, ref });
  }

  private async receive(text: string | null, size: number): Promise<void> {
    if (!this.budget.take()) return this.refuse('rate_limited', 'Too many messages: slow down.');
    if (size > chatSocketLimits.maxFrameBytes)
      return this.refuse('too_large', `A frame may carry at most ${chatSocketLimits.maxFrameBytes} bytes.`);
    if (text === null) return this.refuse('invalid_frame', 'Frames are JSON text.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.refuse('invalid_frame', 'A frame must be one JSON object.');
    }
    const frame = customerClientFrame.safeParse(parsed);
    if (!frame.success) {
      const ref =
        typeof (parsed as { clientId?: unknown })?.clientId === 'string'
          ? String((parsed as { clientId: string }).clientId).slice(0, 64)
          : null;
      return this.refuse(
        'invalid_frame',
        frame.error.issues.map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`).join('; '),
        ref,
      );
    }
    this.refusedInARow = 0;
    const f = frame.data;
    try {
      switch (f.type) {
        case 'ping':
          return this.send({ type: 'pong' });
        case 'resume':
          return await this.follower.resume(f.afterSeq);
        case 'message': {
          if (f.body.length === 0 && !f.attachmentId)
            return this.refuse('invalid_frame', 'body: write a message or attach a file', f.clientId);
          const { message } = await visitorSend(this.db, this.chat.slug, this.chat.requestId, this.token, {
            clientId: f.clientId,
            body: f.body,
            attachmentId: f.attachmentId,
          });
          this.send({ type: 'ack', clientId: f.clientId, seq: message.seq, messageId: message.id });
          return;
        }
        case 'typing':
          this.typing = f.typing;
          return await announceChat(this.db, {
            requestId: this.chat.requestId,
            event: 'typing',
            side: 'customer',
            typing: f.typing,
            name: this.chat.customerName,
          });
        case 'read':
          return await visitorRead(this.db, this.chat.requestId, f.seq);
      }
    } catch (err) {
      if (err instanceof AppError)
        return this.refuse(
          errorCodeOf[err.code] ?? 'invalid_frame',
          err.message,
          f.type === 'message' ? f.clientId : null,
        );
      this.log.error({ err }, 'customer frame failed');
      this.send({
        type: 'error',
        code: 'unavailable',
        message: 'Something went wrong on our side; send it again.',
        ref: f.type === 'message' ? f.clientId : null,
      });
    }
  }
}
