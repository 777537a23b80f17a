import {
  terminalInputMaxChars,
  terminalWindowChars,
  type RemoteToAgent,
  type RemoteToConsole,
} from '../../../../shared/remote/protocol.js';

export type TerminalMessage = Extract<RemoteToConsole, { t: `term.${string}` }>;

/** What the link needs of xterm.js: written output, with a callback once it is shown. */
export interface TerminalScreen {
  write(data: string, done: () => void): void;
}

export type TerminalState =
  | { state: 'opening' }
  | { state: 'open'; mode: 'pty' | 'lines'; shell: string }
  | { state: 'exited'; code: number | null };

/** output shown is acknowledged in batches of this many characters (an eighth of the agent's window) */
const ackEvery = terminalWindowChars / 8;

/**
 * The console's end of a terminal: output from the agent written to the screen and acknowledged
 * once shown (the agent stops reading the shell beyond its window), keystrokes and pastes sent in
 * pieces the protocol takes, sizes sent when they change, the state for the panel.
 */
export class TerminalLink {
  #shownSince = 0;
  #size = { cols: 0, rows: 0 };

  constructor(
    private readonly screen: TerminalScreen,
    private readonly send: (message: RemoteToAgent) => boolean,
    private readonly onState: (state: TerminalState) => void,
  ) {}

  open(cols: number, rows: number): boolean {
    this.#size = { cols, rows };
    this.#shownSince = 0;
    if (!this.send({ t: 'term.open', cols, rows })) return false;
    this.onState({ state: 'opening' });
    return true;
  }

  receive(message: TerminalMessage): void {
    if (message.t === 'term.opened') this.onState({ state: 'open', mode: message.mode, shell: message.shell });
    else if (message.t === 'term.exit') this.onState({ state: 'exited', code: message.code });
    else {
      const chars = message.data.length;
      this.screen.write(message.data, () => this.#shown(chars));
    }
  }

  input(data: string): void {
    for (let at = 0; at < data.length; at += terminalInputMaxChars)
      this.send({ t: 'term.input', data: data.slice(at, at + terminalInputMaxChars) });
  }

  resize(cols: number, rows: number): void {
    if (cols === this.#size.cols && rows === this.#size.rows) return;
    this.#size = { cols, rows };
    this.send({ t: 'term.resize', cols, rows });
  }

  close(): void {
    this.send({ t: 'term.close' });
  }

  #shown(chars: number) {
    this.#shownSince += chars;
    if (this.#shownSince < ackEvery) return;
    this.send({ t: 'term.ack', chars: this.#shownSince });
    this.#shownSince = 0;
  }
}
