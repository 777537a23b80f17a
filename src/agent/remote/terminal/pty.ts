import os from 'node:os';
import type { TerminalBackend } from './backend.js';
import { killTree } from './process-tree.js';

export type PtyModule = Pick<typeof import('@lydell/node-pty'), 'spawn'>;

/** node-pty with its prebuilt binary for this platform (ConPTY on Windows), loaded when first needed. */
export const loadPty = (): Promise<PtyModule> => import('@lydell/node-pty');

/**
 * The shell a terminal runs: on Windows PowerShell (cmd.exe when told by `TANDEM_TERMINAL_SHELL`),
 * elsewhere `$SHELL`, else the account's login shell, else /bin/sh.
 */
export function terminalShell(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (env.TANDEM_TERMINAL_SHELL) return env.TANDEM_TERMINAL_SHELL;
  if (platform === 'win32') return 'powershell.exe';
  if (env.SHELL) return env.SHELL;
  try {
    return os.userInfo().shell || '/bin/sh';
  } catch {
    return '/bin/sh';
  }
}

/** A shell in a pseudo-terminal of cols × rows, `TERM=xterm-256color`. */
export function ptyBackend(
  pty: PtyModule,
  options: {
    shell: string;
    cols: number;
    rows: number;
    cwd: string;
    env: NodeJS.ProcessEnv;
    platform: NodeJS.Platform;
    output: (data: string) => void;
    onExit: (code: number | null) => void;
  },
): TerminalBackend {
  const term = pty.spawn(options.shell, [], {
    name: 'xterm-256color',
    cols: options.cols,
    rows: options.rows,
    cwd: options.cwd,
    env: { ...options.env, TERM: 'xterm-256color' },
  });
  let exited = false;
  term.onData(options.output);
  term.onExit(({ exitCode, signal }) => {
    exited = true;
    options.onExit(signal ? null : exitCode);
  });
  return {
    write: (data) => term.write(data),
    resize: (cols, rows) => {
      if (!exited) term.resize(cols, rows);
    },
    pause: () => term.pause(),
    resume: () => term.resume(),
    kill: async () => {
      if (options.platform === 'win32') {
        // ConPTY: closing the pseudo-console ends the processes attached to it
        if (!exited) term.kill();
        return;
      }
      await killTree(term.pid, options.platform);
    },
  };
}
