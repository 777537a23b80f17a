import type { Writable } from 'node:stream';

/** What a command may touch of the outside world; the entry passes the process's, tests their own. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  /** results only (ids, export JSON): stays machine-readable */
  stdout: Writable;
  /** progress, notes and errors */
  stderr: Writable;
}

export function writeLine(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}

/** Writes a chunk and waits until the stream took it, so a large output never piles up in memory. */
export function writeChunk(stream: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
}
