import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The task that starts the agent at boot on Windows (Node cannot answer the service manager itself). */
export const windowsTaskName = 'Tandem Agent';

export interface InstalledPaths {
  credential: string;
  dataDir: string;
  cacheDir: string;
}

/** `run` with the installed paths, as one Windows command line (each path quoted). */
export function runCommandLine(executable: string, paths: InstalledPaths): string {
  const quote = (value: string) => `"${value.replace(/"/g, '')}"`;
  return [
    quote(executable),
    'run',
    '--credential',
    quote(paths.credential),
    '--data-dir',
    quote(paths.dataDir),
    '--cache-dir',
    quote(paths.cacheDir),
  ].join(' ');
}

/** schtasks arguments: at boot, as SYSTEM (replaces the task of an older version). */
export function windowsTaskArguments(executable: string, paths: InstalledPaths): string[] {
  return [
    '/Create',
    '/F',
    '/TN',
    windowsTaskName,
    '/SC',
    'ONSTART',
    '/RU',
    'SYSTEM',
    '/RL',
    'HIGHEST',
    '/TR',
    runCommandLine(executable, paths),
  ];
}

/** Windows: registers the boot task and starts it now. Elsewhere the package's service does this. */
export async function startAtBoot(paths: InstalledPaths, log: (line: string) => void): Promise<void> {
  if (process.platform !== 'win32') {
    log('not Windows: the system service of the package starts the agent (tandem-agent.service on Linux)');
    return;
  }
  await execFileAsync('schtasks.exe', windowsTaskArguments(process.execPath, paths));
  await execFileAsync('schtasks.exe', ['/Run', '/TN', windowsTaskName]);
  log(`registered and started the task "${windowsTaskName}"`);
}

/** Stops and removes the boot task (Windows), then what the agent wrote: credential, data folder, native parts. */
export async function forget(paths: InstalledPaths, log: (line: string) => void): Promise<void> {
  if (process.platform === 'win32') {
    await execFileAsync('schtasks.exe', ['/End', '/TN', windowsTaskName]).catch(() => undefined);
    await execFileAsync('schtasks.exe', ['/Delete', '/F', '/TN', windowsTaskName]).catch(() => undefined);
  }
  for (const target of [paths.credential, paths.cacheDir, paths.dataDir])
    await rm(target, { recursive: true, force: true });
  log(`removed ${paths.credential}, ${paths.dataDir} and ${paths.cacheDir}`);
}
