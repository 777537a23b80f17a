import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { terminalWindowChars, type RemoteToConsole } from '../../../shared/remote/protocol.js';
import { SessionLog } from '../session-log.js';
import { Viewer } from '../viewer.js';
import { outputPieces } from './device-terminal.js';
import { loadPty } from './pty.js';
import { SessionTerminals, type TerminalMessage } from './session-terminals.js';

async function until(check: () => boolean, ms = 8000, debug?: () => unknown) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out${debug ? `: ${JSON.stringify(debug())}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A controlling console: a real Viewer whose transport keeps what the agent sends. */
function aConsole() {
  const received: RemoteToConsole[] = [];
  const viewer = new Viewer('owner', 'Ada', true, 0);
  viewer.relay = {
    kind: 'relay',
    isOpen: () => true,
    sendText: (message) => received.push(message),
    sendBinary: () => {},
    buffered: () => 0,
    close: () => {},
  };
  const output = () =>
    received
      .filter((m) => m.t === 'term.output')
      .map((m) => m.data)
      .join('');
  return { viewer, received, output };
}

describe('SessionTerminals', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setUp(pty: boolean | 'cannot_start' = true) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-terminal-'));
    const logFile = path.join(dir, 'sessions.log');
    const terminals = new SessionTerminals({
      sessionId: 's1',
      platform: process.platform,
      env: { ...process.env, SHELL: '/bin/sh', PS1: '$ ' },
      cwd: dir,
      loadPty:
        pty === 'cannot_start'
          ? async () => ({
              spawn: () => {
                throw new Error('no pseudo-console on this system');
              },
            })
          : pty
            ? loadPty
            : () => Promise.reject(new Error('no pty here')),
      sessionLog: new SessionLog(logFile),
      log: () => {},
    });
    cleanups.push(() => terminals.closeAll('test over'));
    const consoleSide = aConsole();
    const send = (message: TerminalMessage) => terminals.handle(consoleSide.viewer, message);
    const log = async () =>
      (await readFile(logFile, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    return { dir, terminals, send, log, ...consoleSide };
  }

  it.skipIf(process.platform === 'win32')(
    'runs a shell in a real pseudo-terminal: output, resize, exit code; the log says open and closed, never what was typed',
    async () => {
      const { send, received, output, log } = await setUp();
      send({ t: 'term.open', cols: 80, rows: 24 });
      await until(() => received.some((m) => m.t === 'term.opened'));
      expect(received.find((m) => m.t === 'term.opened')).toEqual({ t: 'term.opened', mode: 'pty', shell: '/bin/sh' });
      send({ t: 'term.input', data: 'echo hello-$((6*7))\r' });
      await until(() => output().includes('hello-42'));
      send({ t: 'term.input', data: 'stty size\r' });
      await until(() => output().includes('24 80'));
      send({ t: 'term.resize', cols: 132, rows: 40 });
      send({ t: 'term.input', data: 'stty size\r' });
      await until(() => output().includes('40 132'));
      send({ t: 'term.input', data: 'exit 3\r' });
      await until(() => received.some((m) => m.t === 'term.exit'));
      expect(received.at(-1)).toEqual({ t: 'term.exit', code: 3 });
      let lines: Array<Record<string, unknown>> = [];
      await until(() => lines.length === 2 || (void log().then((l) => (lines = l)), false));
      expect(lines).toEqual([
        expect.objectContaining({ event: 'terminal', state: 'open', kind: 'pty', shell: '/bin/sh', viewer: 'Ada' }),
        expect.objectContaining({ event: 'terminal', state: 'closed', why: 'the shell ended', code: 3 }),
      ]);
      expect(JSON.stringify(lines)).not.toContain('hello');
    },
  );

  it.skipIf(process.platform === 'win32')(
    'closing the terminal ends the shell and what it started in the background',
    async () => {
      const { send, output, terminals, viewer } = await setUp();
      send({ t: 'term.open', cols: 80, rows: 24 });
      send({ t: 'term.input', data: 'sleep 300 & echo bg:$!:\r' });
      await until(() => /bg:\d+:/.test(output()));
      const pid = Number(/bg:(\d+):/.exec(output())![1]);
      expect(alive(pid)).toBe(true);
      await terminals.close(viewer, 'closed by the technician');
      await until(
        () => !alive(pid),
        5000,
        () => pid,
      );
    },
  );

  it.skipIf(process.platform === 'win32')(
    'pauses a flood of output at the window until the console acknowledges',
    async () => {
      const { send, output } = await setUp();
      send({ t: 'term.open', cols: 80, rows: 24 });
      send({ t: 'term.input', data: 'yes flood\r' });
      await until(
        () => output().length > terminalWindowChars,
        8000,
        () => output().slice(-300),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const held = output().length;
      await new Promise((resolve) => setTimeout(resolve, 500));
      // paused: at most what node-pty had read already
      expect(output().length - held).toBeLessThan(128 * 1024);
      expect(held).toBeLessThan(terminalWindowChars + 256 * 1024);
      send({ t: 'term.ack', chars: terminalWindowChars });
      await until(() => output().length > held + 64 * 1024);
      send({ t: 'term.input', data: '\u0003' });
    },
  );

  it.skipIf(process.platform === 'win32')(
    'without a pty, runs each line entered and streams its output (folders, exit codes, Ctrl-C, exit)',
    async () => {
      const { send, received, output, dir, log } = await setUp(false);
      send({ t: 'term.open', cols: 80, rows: 24 });
      await until(() => received.some((m) => m.t === 'term.opened'));
      expect(received.find((m) => m.t === 'term.opened')).toEqual({
        t: 'term.opened',
        mode: 'lines',
        shell: '/bin/sh',
      });
      expect(output()).toBe(`${dir}> `);
      send({ t: 'term.input', data: 'echo hello-$((6*7x' });
      send({ t: 'term.input', data: '\u007f))\r' });
      await until(() => output().includes('hello-42\r\n'), 8000, output);
      // each line once the prompt is back (what is typed while a command runs is its input)
      const line = async (text: string, prompt = dir) => {
        const before = output().length;
        send({ t: 'term.input', data: `${text}\r` });
        await until(() => output().length > before && output().endsWith(`${prompt}> `), 8000, output);
      };
      await until(() => output().endsWith(`${dir}> `));
      await line('mkdir sub && cd sub');
      await line('cd sub', path.join(dir, 'sub'));
      await line('pwd; false', path.join(dir, 'sub'));
      expect(output()).toContain(`${path.join(dir, 'sub')}\r\n[exit 1]\r\n`);
      send({ t: 'term.input', data: 'sleep 300\r' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      send({ t: 'term.input', data: '\u0003' });
      await until(() => output().endsWith(`${path.join(dir, 'sub')}> `) && output().includes('^C'));
      send({ t: 'term.input', data: 'exit\r' });
      await until(() => received.some((m) => m.t === 'term.exit'));
      expect(received.at(-1)).toEqual({ t: 'term.exit', code: 0 });
      let lines: Array<Record<string, unknown>> = [];
      await until(() => lines.length === 2 || (void log().then((l) => (lines = l)), false));
      expect(lines[0]).toMatchObject({ event: 'terminal', state: 'open', kind: 'lines' });
    },
  );

  it.skipIf(process.platform === 'win32')(
    'falls back to the line runner when the pty loads but cannot start',
    async () => {
      const { send, received, output } = await setUp('cannot_start');
      send({ t: 'term.open', cols: 80, rows: 24 });
      send({ t: 'term.input', data: 'echo hello-$((6*7))\r' });
      await until(() => output().includes('hello-42\r\n'), 8000, output);
      expect(received[0]).toEqual({ t: 'term.opened', mode: 'lines', shell: '/bin/sh' });
    },
  );

  it('cuts output into pieces without splitting a character in two', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(5)}`;
    const pieces = outputPieces(text, 10);
    expect(pieces.join('')).toBe(text);
    expect(pieces[0]).toBe('a'.repeat(9));
    expect(pieces.every((p) => p.length <= 10)).toBe(true);
  });
});
