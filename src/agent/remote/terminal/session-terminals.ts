import type { RemoteToAgent } from '../../../shared/remote/protocol.js';
import type { SessionLog } from '../session-log.js';
import type { Viewer } from '../viewer.js';
import { DeviceTerminal } from './device-terminal.js';
import type { PtyModule } from './pty.js';

export type TerminalMessage = Extract<RemoteToAgent, { t: `term.${string}` }>;

export interface TerminalDeps {
  sessionId: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** the folder a terminal starts in */
  cwd: string;
  loadPty: () => Promise<PtyModule>;
  sessionLog: SessionLog;
  log: (line: string) => void;
}

/**
 * The terminals of a session's controlling consoles, one per console: opened, fed, resized and
 * closed by its messages; the session's log says when one opened (its kind and shell) and closed
 * (never what was typed). Closing a console's terminal, or all of them when the session ends, ends
 * their shells and every process those started.
 */
export class SessionTerminals {
  readonly #open = new Map<string, Promise<DeviceTerminal | null>>();

  constructor(private readonly deps: TerminalDeps) {}

  handle(viewer: Viewer, message: TerminalMessage): void {
    if (message.t === 'term.open') {
      void this.#openFor(viewer, message.cols, message.rows);
      return;
    }
    if (message.t === 'term.close') {
      void this.close(viewer, 'closed by the technician');
      return;
    }
    void this.#open.get(viewer.peerId)?.then((terminal) => {
      if (!terminal) return;
      if (message.t === 'term.input') terminal.input(message.data);
      else if (message.t === 'term.resize') terminal.resize(message.cols, message.rows);
      else terminal.ack(message.chars);
    });
  }

  /** The console's transport changed: output in flight on the old one is not waited for. */
  forgetInFlight(viewer: Viewer): void {
    void this.#open.get(viewer.peerId)?.then((terminal) => terminal?.forgetInFlight());
  }

  async close(viewer: Viewer | string, why: string, code?: number | null): Promise<void> {
    const peerId = typeof viewer === 'string' ? viewer : viewer.peerId;
    const opening = this.#open.get(peerId);
    if (!opening) return;
    this.#open.delete(peerId);
    const terminal = await opening;
    if (!terminal) return;
    await terminal.close();
    void this.deps.sessionLog.write(this.deps.sessionId, 'terminal', {
      state: 'closed',
      why,
      ...(code === undefined ? {} : { code }),
    });
    this.deps.log(`session ${this.deps.sessionId}: terminal closed (${why})`);
  }

  async closeAll(why: string): Promise<void> {
    await Promise.all([...this.#open.keys()].map((peerId) => this.close(peerId, why)));
  }

  async #openFor(viewer: Viewer, cols: number, rows: number): Promise<void> {
    // the new terminal is known at once: input sent right after `term.open` waits for it
    const previous = this.close(viewer, 'replaced by a new terminal');
    const opening: Promise<DeviceTerminal | null> = previous
      .then(() =>
        DeviceTerminal.open({
          cols,
          rows,
          platform: this.deps.platform,
          env: this.deps.env,
          cwd: this.deps.cwd,
          loadPty: this.deps.loadPty,
          send: (message) => viewer.send(message),
          onExit: (code) => {
            if (this.#open.get(viewer.peerId) === opening) void this.close(viewer, 'the shell ended', code);
          },
        }),
      )
      .catch((error: Error) => {
        this.deps.log(`session ${this.deps.sessionId}: no terminal (${error.message})`);
        viewer.send({ t: 'term.exit', code: null });
        return null;
      });
    this.#open.set(viewer.peerId, opening);
    const terminal = await opening;
    if (!terminal) return;
    void this.deps.sessionLog.write(this.deps.sessionId, 'terminal', {
      state: 'open',
      viewer: viewer.name,
      kind: terminal.mode,
      shell: terminal.shell,
    });
    this.deps.log(`session ${this.deps.sessionId}: terminal opened (${terminal.mode}, ${terminal.shell})`);
  }
}
