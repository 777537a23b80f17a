import { terminalOutputMaxChars, terminalWindowChars, type RemoteToConsole } from '../../../shared/remote/protocol.js';
import type { TerminalBackend } from './backend.js';
import { LineRunner } from './line-runner.js';
import { ptyBackend, terminalShell, type PtyModule } from './pty.js';

export interface TerminalOptions {
  cols: number;
  rows: number;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** node-pty; rejecting: this device has no pseudo-terminal, the line runner answers */
  loadPty: () => Promise<PtyModule>;
  send: (message: RemoteToConsole) => void;
  /** the shell ended by itself (not by `close`) */
  onExit: (code: number | null) => void;
}

/** Cuts output into pieces for `term.output`, never between the two halves of a surrogate pair. */
export function outputPieces(data: string, max = terminalOutputMaxChars): string[] {
  const pieces: string[] = [];
  let at = 0;
  while (at < data.length) {
    let end = Math.min(at + max, data.length);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end--;
    pieces.push(data.slice(at, end));
    at = end;
  }
  return pieces;
}

/**
 * A technician's terminal on the device: a pseudo-terminal when node-pty loads on this platform,
 * else the line runner. Output goes to the console in `term.output` pieces; beyond
 * `terminalWindowChars` unacknowledged characters the shell's output is paused until the console
 * acknowledges (`ack`), so a command printing without end cannot fill the agent's memory.
 */
export class DeviceTerminal {
  #backend: TerminalBackend | null = null;
  #unacked = 0;
  #paused = false;
  #closed = false;
  #exited = false;
  mode: 'pty' | 'lines' = 'pty';
  shell = '';

  static async open(options: TerminalOptions): Promise<DeviceTerminal> {
    const terminal = new DeviceTerminal(options);
    await terminal.#start();
    return terminal;
  }

  private constructor(private readonly options: TerminalOptions) {}

  async #start(): Promise<void> {
    const { platform, env, cwd, cols, rows } = this.options;
    const output = (data: string) => this.#output(data);
    const onExit = (code: number | null) => {
      this.#exited = true;
      if (this.#closed) return;
      this.#closed = true;
      this.options.send({ t: 'term.exit', code });
      this.options.onExit(code);
    };
    let pty: PtyModule | null = null;
    try {
      pty = await this.options.loadPty();
    } catch {
      pty = null;
    }
    if (pty) {
      const shell = terminalShell(platform, env);
      try {
        // (its output comes later: `term.opened` is still first)
        this.#backend = ptyBackend(pty, { shell, cols, rows, cwd, env, platform, output, onExit });
        this.shell = shell;
        this.options.send({ t: 'term.opened', mode: 'pty', shell: shell.slice(0, 256) });
        return;
      } catch {
        // no pseudo-terminal after all (Windows before 10 1809 has no ConPTY): the line runner
      }
    }
    this.mode = 'lines';
    this.shell = platform === 'win32' ? 'cmd.exe' : '/bin/sh';
    this.options.send({ t: 'term.opened', mode: 'lines', shell: this.shell });
    this.#backend = new LineRunner(cwd, { platform, env, output, onExit });
  }

  #output(data: string): void {
    if (this.#closed) return;
    for (const piece of outputPieces(data)) {
      this.options.send({ t: 'term.output', data: piece });
      this.#unacked += piece.length;
    }
    if (!this.#paused && this.#unacked > terminalWindowChars) {
      this.#paused = true;
      this.#backend?.pause();
    }
  }

  input(data: string): void {
    if (!this.#closed) this.#backend?.write(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.#closed) this.#backend?.resize(cols, rows);
  }

  ack(chars: number): void {
    this.#unacked = Math.max(0, this.#unacked - chars);
    if (this.#paused && this.#unacked <= terminalWindowChars / 2) {
      this.#paused = false;
      this.#backend?.resume();
    }
  }

  /** The console's transport changed: what was in flight on the old one will never be acknowledged. */
  forgetInFlight(): void {
    this.ack(Number.MAX_SAFE_INTEGER);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Ends the shell and what it started (unless it ended by itself); no `term.exit` is sent. */
  async close(): Promise<void> {
    this.#closed = true;
    if (!this.#exited) await this.#backend?.kill();
  }
}
