import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/**
 * A real X server for a device's screen: Debian's `Xvfb` on a display number it picks itself
 * (`-displayfd`, so parallel runs never collide), no window manager, no TCP. The X programs a test
 * uses to draw on it and read it back (xsetroot, xdotool, xwininfo, xterm) run with its DISPLAY.
 */
export interface XDisplay {
  /** `:N` */
  display: string;
  width: number;
  height: number;
  /** the environment of a program shown on this display */
  env: NodeJS.ProcessEnv;
  /** runs an X program on this display; its standard output */
  x(command: string, args: string[]): Promise<string>;
  /** paints the whole root window (what shows where no window is) */
  fillRoot(colour: string): Promise<void>;
  /** where the pointer is now (`xdotool getmouselocation`) */
  pointer(): Promise<{ x: number; y: number }>;
  stop(): Promise<void>;
}

export const xAvailable = (): boolean => ['Xvfb', 'xdotool', 'xsetroot', 'xwininfo'].every(onPath);

export function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, timeout: 10_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

function stopChild(child: ChildProcess, timeoutMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts Xvfb with one screen of width × height at 24 bits; resolves once a client can connect. */
export async function startXvfb(width = 1280, height = 800): Promise<XDisplay> {
  const child = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', '-noreset'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const number = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display number in time:\n${stderr}`)), 15_000);
    readline.createInterface({ input: child.stdio[3] as NodeJS.ReadableStream }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}:\n${stderr}`));
    });
  });
  const display = `:${number}`;
  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: display };
  delete env.WAYLAND_DISPLAY;
  const x = (command: string, args: string[]) => run(command, args, env);
  // Xvfb writes its number once it listens; one query proves a client gets through
  await x('xdpyinfo', []).catch(() => x('xwininfo', ['-root']));
  return {
    display,
    width,
    height,
    env,
    x,
    fillRoot: async (colour) => void (await x('xsetroot', ['-solid', colour])),
    pointer: async () => {
      const out = await x('xdotool', ['getmouselocation', '--shell']);
      const value = (key: string) => Number(new RegExp(`^${key}=(-?\\d+)`, 'm').exec(out)?.[1] ?? NaN);
      return { x: value('X'), y: value('Y') };
    },
    stop: () => stopChild(child),
  };
}

/** A window's place on the screen (`xwininfo -id`). */
export async function windowGeometry(screen: XDisplay, windowId: string) {
  const out = await screen.x('xwininfo', ['-id', windowId]);
  const value = (label: string) => Number(new RegExp(`${label}:\\s+(-?\\d+)`).exec(out)?.[1] ?? NaN);
  return {
    x: value('Absolute upper-left X'),
    y: value('Absolute upper-left Y'),
    width: value('Width'),
    height: value('Height'),
  };
}

/** A window the test owns: an xterm of one colour at (x, y), running a bash script. */
export interface OwnWindow {
  windowId: string;
  /** where the window is, in screen pixels */
  geometry: { x: number; y: number; width: number; height: number };
  close(): Promise<void>;
}

export async function openXterm(
  screen: XDisplay,
  options: { x: number; y: number; columns?: number; rows?: number; background: string; foreground: string },
  title: string,
  script: string,
): Promise<OwnWindow> {
  const geometry = `${options.columns ?? 60}x${options.rows ?? 10}+${options.x}+${options.y}`;
  const colours = ['-bg', options.background, '-fg', options.foreground, '-cr', options.background];
  const child = spawn(
    'xterm',
    ['-geometry', geometry, ...colours, '-b', '0', '-title', title, '-e', 'bash', '-c', script],
    { env: screen.env, stdio: 'ignore' },
  );
  let windowId = '';
  const deadline = Date.now() + 10_000;
  while (!windowId && Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`xterm exited with ${child.exitCode}`);
    windowId = (await screen.x('xdotool', ['search', '--name', `^${title}$`]).catch(() => '')).trim().split('\n')[0]!;
    if (!windowId) await new Promise((r) => setTimeout(r, 100));
  }
  if (!windowId) throw new Error('the xterm window did not appear');
  // mapped and drawn: its geometry is known and the script runs
  await screen.x('xdotool', ['search', '--sync', '--onlyvisible', '--name', `^${title}$`]);
  return { windowId, geometry: await windowGeometry(screen, windowId), close: () => stopChild(child) };
}

/**
 * A window to type into: an xterm of one colour running `cat > file`, so what is typed in it is
 * read back from the file (line by line: cat writes a line once Enter is pressed). Nothing shows in
 * it (no echo, text and cursor of the background's colour). With no window manager, X gives the
 * keyboard to the window under the pointer.
 */
export interface TypingTarget extends OwnWindow {
  /** what was typed so far (whole lines) */
  typed(): string;
}

export async function openTypingTarget(
  screen: XDisplay,
  options: { x: number; y: number; columns?: number; rows?: number; background: string },
): Promise<TypingTarget> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-typed-'));
  const file = path.join(dir, 'typed.txt');
  const window = await openXterm(
    screen,
    { ...options, foreground: options.background },
    `typing-target-${path.basename(dir)}`,
    `stty -echo; exec cat > '${file}'`,
  );
  return {
    ...window,
    typed: () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''),
    close: async () => {
      await window.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A window that swaps its two colours at every key pressed in it (xterm's reverse video, turned
 * on and off by the script reading one key at a time): what shows a keypress on the screen.
 */
export function openFlipWindow(
  screen: XDisplay,
  options: { x: number; y: number; columns?: number; rows?: number; background: string; foreground: string },
): Promise<OwnWindow> {
  const script =
    'stty -echo -icanon; on=0; while IFS= read -r -s -n 1 _; do ' +
    "if [ $on = 0 ]; then printf '\\033[?5h'; on=1; else printf '\\033[?5l'; on=0; fi; done";
  return openXterm(screen, options, `flip-window-${process.pid}-${Date.now()}`, script);
}

/**
 * Waits for a window titled `title` (a prompt the device shows, e.g. the agent's zenity question),
 * gives it the keyboard and presses `key` in it (Return: its default button; Escape: cancel).
 */
export async function pressInWindow(screen: XDisplay, title: string, key: string, timeoutMs = 20_000) {
  const pattern = `^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  let windowId = '';
  const deadline = Date.now() + timeoutMs;
  while (!windowId && Date.now() < deadline) {
    windowId = (await screen.x('xdotool', ['search', '--onlyvisible', '--name', pattern]).catch(() => ''))
      .trim()
      .split('\n')[0]!;
    if (!windowId) await new Promise((r) => setTimeout(r, 150));
  }
  if (!windowId) throw new Error(`no window titled "${title}" in ${timeoutMs} ms`);
  await screen.x('xdotool', ['windowfocus', '--sync', windowId]);
  // GTK takes the focus after mapping; a key pressed at once may be lost
  await new Promise((r) => setTimeout(r, 300));
  await screen.x('xdotool', ['key', key]);
  return windowId;
}

/** Whether a window titled `title` shows now. */
export async function windowShown(screen: XDisplay, title: string): Promise<boolean> {
  const pattern = `^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  const out = await screen.x('xdotool', ['search', '--onlyvisible', '--name', pattern]).catch(() => '');
  return out.trim().length > 0;
}
