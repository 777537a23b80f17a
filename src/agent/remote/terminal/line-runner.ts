import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { killTree } from './process-tree.js';
import type { TerminalBackend } from './backend.js';

/** escape sequences a terminal sends for arrows and function keys: not editable in a line runner */
const escapes = /\u001b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)/g;

/**
 * The terminal where no pseudo-terminal can be had: the technician's keystrokes are edited here as
 * a line (echoed, backspace, Ctrl-C), each line entered is run by the system's shell (`/bin/sh -c`,
 * `cmd.exe /d /s /c` on Windows) in the current folder, its output (stdout and stderr) streamed back
 * as it comes, then its exit code. While a command runs, what is typed goes to its input; Ctrl-C
 * ends it and what it started. `cd` changes the folder of the following lines; `exit` closes.
 * Programs that need a terminal (editors, `top`, password prompts) do not work here.
 */
export class LineRunner implements TerminalBackend {
  #line = '';
  #running: ChildProcess | null = null;
  #closed = false;

  constructor(
    private cwd: string,
    private readonly options: {
      platform: NodeJS.Platform;
      env: NodeJS.ProcessEnv;
      output: (data: string) => void;
      onExit: (code: number | null) => void;
    },
  ) {
    this.#prompt();
  }

  write(data: string): void {
    for (const char of data.replace(escapes, '')) {
      if (this.#closed) return;
      if (this.#running) this.#toCommand(char);
      else this.#edit(char);
    }
  }

  // a line runner has no size
  resize(): void {}

  pause(): void {
    this.#running?.stdout?.pause();
    this.#running?.stderr?.pause();
  }

  resume(): void {
    this.#running?.stdout?.resume();
    this.#running?.stderr?.resume();
  }

  async kill(): Promise<void> {
    this.#closed = true;
    const pid = this.#running?.pid;
    if (pid) await killTree(pid, this.options.platform);
  }

  #out(text: string) {
    this.options.output(text.replace(/\r?\n/g, '\r\n'));
  }

  #prompt() {
    this.options.output(`${this.cwd}> `);
  }

  #edit(char: string) {
    if (char === '\r' || char === '\n') {
      this.options.output('\r\n');
      const line = this.#line.trim();
      this.#line = '';
      void this.#run(line);
    } else if (char === '\u007f' || char === '\b') {
      if (this.#line) {
        this.#line = this.#line.slice(0, -1);
        this.options.output('\b \b');
      }
    } else if (char === '\u0003') {
      this.#line = '';
      this.options.output('^C\r\n');
      this.#prompt();
    } else if (char === '\u0004' && !this.#line) {
      this.#exit(0);
    } else if (char >= ' ') {
      this.#line += char;
      this.options.output(char);
    }
  }

  #toCommand(char: string) {
    const child = this.#running!;
    if (char === '\u0003') {
      this.options.output('^C\r\n');
      if (child.pid) void killTree(child.pid, this.options.platform);
      return;
    }
    if (char === '\u0004') return void child.stdin?.end();
    // echoed, since nothing else will show it
    this.options.output(char === '\r' ? '\r\n' : char);
    child.stdin?.write(char === '\r' ? (this.options.platform === 'win32' ? '\r\n' : '\n') : char);
  }

  #exit(code: number | null) {
    if (this.#closed) return;
    this.#closed = true;
    this.options.onExit(code);
  }

  async #run(line: string): Promise<void> {
    if (!line) return this.#prompt();
    if (line === 'exit') return this.#exit(0);
    const cd = /^cd(?:\s+(.*))?$/.exec(line);
    if (cd) {
      const target = path.resolve(this.cwd, (cd[1] ?? '').replace(/^["']|["']$/g, '') || this.options.env.HOME || '.');
      const isDir = await stat(target).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (isDir) this.cwd = target;
      else this.#out(`cd: ${target}: not a folder\n`);
      return this.#prompt();
    }
    const windows = this.options.platform === 'win32';
    const child = spawn(
      windows ? (this.options.env.ComSpec ?? 'cmd.exe') : '/bin/sh',
      windows ? ['/d', '/s', '/c', `"${line}"`] : ['-c', line],
      {
        cwd: this.cwd,
        env: this.options.env,
        windowsHide: true,
        windowsVerbatimArguments: windows,
        // its own process group on Linux and macOS, so Ctrl-C ends what it started too
        detached: !windows,
      },
    );
    this.#running = child;
    // a command that ended or never reads its input
    child.stdin?.on('error', () => {});
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new StringDecoder('utf8');
      stream?.on('data', (chunk: Buffer) => this.#out(decoder.write(chunk)));
      stream?.on('end', () => {
        const rest = decoder.end();
        if (rest) this.#out(rest);
      });
    }
    const code = await new Promise<number | null>((resolve) => {
      child.on('error', (error) => {
        this.#out(`${error.message}\n`);
        resolve(null);
      });
      child.on('close', (exitCode) => resolve(exitCode));
    });
    this.#running = null;
    if (this.#closed) return;
    if (code !== 0) this.#out(`[exit ${code ?? '-'}]\n`);
    this.#prompt();
  }
}
