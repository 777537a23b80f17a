import { startTandemProcess, tempDataDir, type RunningTandem } from './tandem-process.js';

export interface MoreProcesses {
  processes: RunningTandem[];
  /** each process's ws:// address, the first Tandem's first */
  socketBases: string[];
  close(): Promise<void>;
}

/**
 * `count` more Tandem processes on the database of a running one (`DATABASE_URL` to it), as an
 * operator runs several behind a load balancer: each its own OS process, port and data folder,
 * with the settings that must match across processes — the secret key file that seals secrets
 * (the first Tandem's) and `env` (what the first was started with, e.g. the heartbeat interval).
 * Started together, as after a deploy: their migrations queue on an advisory lock.
 */
export async function moreProcesses(
  first: RunningTandem & { databaseUrl: string },
  count: number,
  env: Record<string, string> = {},
): Promise<MoreProcesses> {
  const processes: RunningTandem[] = [];
  const folders: { remove(): void }[] = [];
  const shared = { ...env, TANDEM_SECRET_KEY_FILE: `${first.dataDir}-secret.key` };
  const close = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    for (const folder of folders) folder.remove();
  };
  try {
    await Promise.all(
      Array.from({ length: count }, async () => {
        const folder = tempDataDir();
        folders.push(folder);
        processes.push(await startTandemProcess({ databaseUrl: first.databaseUrl, dataDir: folder.dir, env: shared }));
      }),
    );
  } catch (err) {
    await close();
    throw err;
  }
  return {
    processes,
    socketBases: [first, ...processes].map((p) => p.baseUrl.replace(/^http/, 'ws')),
    close,
  };
}
