import type { AgentClientFrame, AgentServerFrame } from '../../shared/agent-frames.js';
import { readGrantPayload, splitGrant, type GrantPayload } from '../../shared/remote/grant.js';
import type { StoredCredential } from '../credential-store.js';
import { realConsentSystem, runConsentStep, type ConsentSystem } from './consent.js';
import { ControlSocket } from './control-socket.js';
import { GrantVerifier } from './grant-verifier.js';
import { pinGrantKey } from './key-pin.js';
import type { AgentLanguage } from './messages.js';
import type { SessionLog } from './session-log.js';

/** A session the agent runs (its session socket, viewers, transports). */
export interface RunningSession {
  /** a `resume` grant for this session arrived (the agent came back after a reboot, or the server asks again) */
  resume(grant: string, payload: GrantPayload): void;
  /** ends everything: sockets, peer connections, transfers */
  close(reason: 'closed_by_server' | 'agent_stopping'): void;
}

export interface SessionStart {
  grant: string;
  payload: GrantPayload;
  verifier: GrantVerifier;
  /**
   * the session stopped by itself: `rebooting` (the server keeps it for the agent's return),
   * `ended_at_device`, or null when the server ended it (nothing to tell)
   */
  onEnded: (reason: Extract<AgentClientFrame, { type: 'session.ended' }>['reason'] | null) => void;
}

export interface RemoteAgentOptions {
  stored: StoredCredential;
  /** the credential file, where the server's grant key gets pinned */
  file: string;
  log: (line: string) => void;
  language: AgentLanguage;
  sessionLog: SessionLog;
  startSession: (start: SessionStart) => RunningSession;
  consentSystem?: ConsentSystem;
  /** how long after a reboot command the agent, if it still runs, connects its control socket again */
  rebootReconnectMs?: number;
  /** script runs (`script.run` frames), given the grant verifier whose pinned key they are checked against */
  scripts?: (verifier: GrantVerifier) => { handle(grant: string): Promise<void> };
  /** for tests: a faster control socket */
  socket?: { pingMs?: number; backoff?: { baseMs: number; capMs: number } };
}

/**
 * Remote access beside the heartbeats: the control socket, grant checks, the consent step and the
 * sessions it opens. Nothing is opened without a grant the pinned server key signed for this device.
 */
export class RemoteAgent {
  readonly verifier: GrantVerifier;
  readonly #control: ControlSocket;
  readonly #sessions = new Map<string, RunningSession>();
  readonly #opening = new Set<string>();
  readonly #scripts: { handle(grant: string): Promise<void> } | undefined;

  constructor(private readonly options: RemoteAgentOptions) {
    this.verifier = new GrantVerifier({ deviceId: options.stored.deviceId, grantKey: options.stored.grantKey });
    this.#scripts = options.scripts?.(this.verifier);
    this.#control = new ControlSocket({
      server: options.stored.server,
      credential: options.stored.credential,
      log: options.log,
      onFrame: (frame) => void this.#handle(frame),
      ...options.socket,
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    await this.#control.run(signal);
    const open = [...this.#sessions];
    this.#sessions.clear();
    for (const [sessionId, session] of open) {
      this.#control.send({ type: 'session.ended', sessionId, reason: 'agent_stopping' });
      session.close('agent_stopping');
      await this.options.sessionLog.write(sessionId, 'end', { reason: 'agent_stopping' });
    }
  }

  async #handle(frame: AgentServerFrame): Promise<void> {
    const { log, stored } = this.options;
    if (frame.type === 'hello') {
      if (frame.deviceId !== stored.deviceId)
        log(`control socket: the server names device ${frame.deviceId}, not this one`);
      await pinGrantKey({ file: this.options.file, stored, verifier: this.verifier, key: frame.grantKey, log });
    } else if (frame.type === 'session.open') {
      await this.#open(frame.grant);
    } else if (frame.type === 'session.close') {
      const session = this.#sessions.get(frame.sessionId);
      if (!session) return;
      this.#sessions.delete(frame.sessionId);
      session.close('closed_by_server');
      log(`session ${frame.sessionId} closed by the server`);
      void this.options.sessionLog.write(frame.sessionId, 'end', { reason: 'closed_by_server' });
    } else if (frame.type === 'script.run') {
      await this.#scripts?.handle(frame.grant);
    }
  }

  async #open(grant: string): Promise<void> {
    const { log, sessionLog, language } = this.options;
    const check = this.verifier.verify(grant, { purpose: ['open', 'resume'] });
    if (!check.ok) {
      // the session named in a refused grant, if it can be read at all, learns it was refused
      const claimed = claimedSessionId(grant);
      log(`session grant refused (${check.reason})${claimed ? ` for session ${claimed}` : ''}`);
      if (claimed) {
        void sessionLog.write(claimed, 'refused_grant', { reason: check.reason });
        if (check.reason !== 'replayed')
          this.#control.send({ type: 'session.consent', sessionId: claimed, result: 'refused_grant' });
      }
      return;
    }
    const payload = check.payload;
    const sessionId = payload.sessionId;
    const running = this.#sessions.get(sessionId);
    if (running) {
      running.resume(grant, payload);
      return;
    }
    if (this.#opening.has(sessionId)) return;
    this.#opening.add(sessionId);
    try {
      void sessionLog.write(sessionId, 'open', {
        purpose: payload.purpose,
        mode: payload.mode,
        technician: payload.technicianName,
        company: payload.companyName,
        consent: payload.consent.mode,
      });
      log(`session ${sessionId}: ${payload.technicianName} (${payload.companyName}) asks for ${payload.mode}`);
      const result = await runConsentStep(payload, language, this.options.consentSystem ?? realConsentSystem(), log);
      void sessionLog.write(sessionId, 'consent', { result, consent: payload.consent.mode });
      log(`session ${sessionId}: consent ${result}`);
      if (payload.purpose === 'open') this.#control.send({ type: 'session.consent', sessionId, result });
      if (result !== 'accepted') return;
      const session = this.options.startSession({
        grant,
        payload,
        verifier: this.verifier,
        onEnded: (reason) => {
          if (this.#sessions.get(sessionId) !== session) return;
          this.#sessions.delete(sessionId);
          if (reason) this.#control.send({ type: 'session.ended', sessionId, reason });
          void sessionLog.write(sessionId, 'end', { reason: reason ?? 'ended_by_server' });
          // the reboot command returned and this process still runs (a test's command, a restart that
          // takes a while): a new hello lets the server resume the session as after a real restart
          if (reason === 'rebooting')
            setTimeout(() => this.#control.reconnect(), this.options.rebootReconnectMs ?? 5000).unref();
        },
      });
      this.#sessions.set(sessionId, session);
    } finally {
      this.#opening.delete(sessionId);
    }
  }
}

function claimedSessionId(grant: string): string | null {
  try {
    const parts = splitGrant(grant);
    return (parts && readGrantPayload(parts.payloadBytes)?.sessionId) ?? null;
  } catch {
    return null;
  }
}
