import type { AgentServerFrame } from '../../../shared/agent-frames.js';

/** One agent's control socket as the registry knows it. */
export interface AgentLink {
  readonly deviceId: string;
  readonly connectionId: string;
  send(frame: AgentServerFrame): void;
  close(code: number, reason: string): void;
}

/**
 * This process's agents' control sockets, by device (a newer socket of a device replaces the
 * older, which is closed), and the device sessions each follows, so a session's end reaches its
 * agent as `session.close`.
 */
export class AgentRegistry {
  private readonly byDevice = new Map<string, AgentLink>();
  private readonly sessions = new Map<string, string>();
  private readonly helloListeners: ((link: AgentLink) => Promise<void>)[] = [];

  /** Called after each socket's hello (other modules' work waiting for the device, e.g. script runs). */
  onHello(listener: (link: AgentLink) => Promise<void>): void {
    this.helloListeners.push(listener);
  }

  /** Runs the hello listeners for a socket that just said hello. */
  async helloed(link: AgentLink): Promise<void> {
    for (const listener of this.helloListeners) await listener(link);
  }

  /** Holds `link` for its device; the link it replaces, if any. */
  add(link: AgentLink): AgentLink | undefined {
    const previous = this.byDevice.get(link.deviceId);
    this.byDevice.set(link.deviceId, link);
    return previous === link ? undefined : previous;
  }

  /** Forgets `link` if it is still its device's; true then. */
  remove(link: AgentLink): boolean {
    if (this.byDevice.get(link.deviceId) !== link) return false;
    this.byDevice.delete(link.deviceId);
    return true;
  }

  get(deviceId: string): AgentLink | undefined {
    return this.byDevice.get(deviceId);
  }

  follow(sessionId: string, deviceId: string): void {
    this.sessions.set(sessionId, deviceId);
  }

  unfollow(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  /** The device of a followed session, if its agent is here. */
  deviceOfSession(sessionId: string): string | undefined {
    return this.sessions.get(sessionId);
  }
}
