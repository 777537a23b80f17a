import type { DomainEvent } from '../../../shared/events.js';

/**
 * Every PostgreSQL NOTIFY channel Tandem uses, each once, with the type of its messages.
 * `publish`/`publishMany`/`publishAll` and `NotifyHub.subscribe` take a channel from here, so a
 * message always has its channel's type. Channels written by database triggers list the
 * migrations that write them. A test (`channels.test.ts`) checks that no other server
 * file spells a channel's name and that every channel a migration notifies is listed here.
 */
export interface Channel<Payload> {
  /** the PostgreSQL channel name: `tandem_` then lower-case letters and underscores */
  readonly name: `tandem_${string}`;
  /** migrations whose triggers notify this channel, if any */
  readonly triggers?: readonly string[];
  /** never set: carries the message type for the compiler */
  readonly payload?: Payload;
}

/** A message and its channel, as `publishAll` takes them. */
export type Notice<P = unknown> = { channel: Channel<P>; payload: P };

function channel<Payload>(name: `tandem_${string}`, triggers?: readonly string[]): Channel<Payload> {
  return triggers ? { name, triggers } : { name };
}

/** A request's state changed: queues, customers' status and technicians' lists follow. */
export type RequestChange = 'created' | 'accepted' | 'transferred' | 'offline' | 'answered' | 'closed' | 'message';

export interface SupportNotice {
  accountId: string;
  companyId: string;
  requestId: string;
  change: RequestChange;
  takenBy: { id: string; name: string } | null;
}

/** Something happened in a request's conversation: a message stored, typing, read. */
/**
 * A stored chat message as a notice may carry it (`ChatNotice.message`): a text message small enough
 * for a notice, so that followers standing just before it need not read it back.
 */
export interface NoticedMessage {
  id: string;
  accountId: string;
  requestId: string;
  seq: number;
  clientId: string | null;
  authorType: 'customer' | 'technician' | 'system';
  authorUserId: string | null;
  authorName: string | null;
  body: string;
  createdAt: string;
}

export type ChatNotice =
  | {
      requestId: string;
      event: 'message';
      seq: number;
      side: 'customer' | 'technician' | 'system';
      /** the message itself when it has no attachment and its text is small (`messageInNotice`) */
      message?: NoticedMessage;
    }
  | { requestId: string; event: 'typing'; side: 'customer' | 'technician'; typing: boolean; name: string | null }
  | { requestId: string; event: 'read'; side: 'customer' | 'technician'; seq: number };

/** A technician's presence changed (status, capacity, a socket opened or closed, signed out). */
export interface PresenceNotice {
  accountId: string;
  userId: string;
}

/** A remote-support session changed (created, joined, consent, sharing, recording, watchers, owner, end). */
export interface SessionNotice {
  accountId: string;
  companyId: string;
  sessionId: string;
}

/**
 * A signal for one side of a session was stored (`support_session_signals`): its row id and recipient.
 * The row carries a WebRTC signal, a viewer's presence (to the customer) or a customer's arrival (to
 * `watchers`: every process announces its watching sockets again); see modules/sessions/signalling.ts.
 */
export interface SessionSignalNotice {
  sessionId: string;
  id: string;
  /** `customer`, a technician's live connection id, or `watchers` (every socket watching the session) */
  toPeer: string;
  /** the process that stored it (it delivered the signal to its own sockets already) */
  origin: string;
}

/**
 * Something for one device's agent: the process holding that device's control socket signs a grant
 * and sends it `session.open` (`open`: a technician asked for a session; `resume`: the session goes
 * on after a restart the technician asked for).
 */
export interface AgentCommand {
  deviceId: string;
  sessionId: string;
  purpose: 'open' | 'resume';
}

export const channels = {
  /** every recorded domain event, after its transaction commits (`platform/events/record.ts`) */
  events: channel<DomainEvent>('tandem_events'),
  /** a support request's state changed (`modules/requests/announce.ts`) */
  support: channel<SupportNotice>('tandem_support'),
  /** a request's conversation: a message stored, typing, read (`modules/requests/announce.ts`) */
  chat: channel<ChatNotice>('tandem_chat'),
  /** a technician's presence changed: waiting customers' estimates follow (`modules/presence/announce.ts`) */
  presence: channel<PresenceNotice>('tandem_presence'),
  /** a remote-support session changed (`modules/sessions/announce.ts`) */
  sessions: channel<SessionNotice>('tandem_sessions'),
  /** a device's agent is asked to open a session (`modules/remote/commands.ts`) */
  agentCommands: channel<AgentCommand>('tandem_agent_commands'),
  /** a script run was made: the processes holding its devices' control sockets send them their part (`modules/device-scripts/delivery.ts`) */
  scriptRuns: channel<{ runId: string }>('tandem_script_runs'),
  /** a WebRTC signal was stored for one side of a session (`modules/sessions/announce.ts`) */
  sessionSignals: channel<SessionSignalNotice>('tandem_session_signals'),
  /**
   * something an identity is made of changed (a user, their companies or seats, a token, a session
   * ended, a second factor or passkey, a setting): the account's id, or null, written by the triggers of
   * these migrations only; every process forgets that account's cached identities
   */
  identity: channel<string | null>('tandem_identity', [
    '0014_identity_changes.sql',
    '0021_seat_changes_announce_identity.sql',
    '0036_passkeys_announce_identity.sql',
  ]),
  /** a report run was queued: this process's workers start it at once (`modules/reports/scheduler.ts`) */
  reports: channel<{ runId: string }>('tandem_reports'),
  /** an outbox message is due: delivery workers look at the outbox at once (`platform/mail/outbox.ts`) */
  outbox: channel<{ id: string }>('tandem_outbox'),
} as const;

/** Every channel, for checks over all of them. */
export const allChannels: readonly Channel<unknown>[] = Object.values(channels);
