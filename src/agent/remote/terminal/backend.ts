/** What the terminal drives: a pseudo-terminal, or the line runner where there is none. */
export interface TerminalBackend {
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** stop reading the shell's output (the console is behind) */
  pause(): void;
  resume(): void;
  /** ends the shell and every process it started */
  kill(): Promise<void>;
}
