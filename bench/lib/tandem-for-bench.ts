import type { BenchContext } from './scenario.js';
import { freshDatabase } from './database.js';
import { embeddedDatabaseUrl } from './embedded-url.js';
import { startTandemProcess, tempDataDir, type RunningTandem } from './tandem-process.js';

/**
 * A Tandem for one measurement, on a database of its own: a fresh embedded data folder, or a
 * fresh database on the external server (DATABASE_URL). `databaseUrl` reaches its database
 * directly (for seeding and raw baselines); `close()` stops it and removes the data.
 */
export async function tandemForBench(
  ctx: BenchContext,
  env: Record<string, string> = {},
  root?: string,
): Promise<RunningTandem & { databaseUrl: string; close(): Promise<void> }> {
  if (ctx.databaseUrl) {
    const database = await freshDatabase(ctx.databaseUrl);
    const tandem = await startTandemProcess({ databaseUrl: database.url, env, root });
    return { ...tandem, databaseUrl: database.url, close: async () => (await tandem.stop(), await database.drop()) };
  }
  const folder = tempDataDir();
  const tandem = await startTandemProcess({ dataDir: folder.dir, env, root });
  return {
    ...tandem,
    databaseUrl: embeddedDatabaseUrl(folder.dir),
    close: async () => (await tandem.stop(), folder.remove()),
  };
}
