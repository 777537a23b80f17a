import type { Config } from '../../config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseServer {
  url: string;
  /** where the data lives, for the start-up log */
  description: string;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL Tandem uses: the one named by DATABASE_URL, or an embedded server whose data
 * lives in the data folder. `client` mode is the command-line tool's: it reuses a running
 * Tandem's embedded server instead of refusing.
 */
export async function connectDatabaseServer(
  config: Config,
  mode: 'owner' | 'client',
  log: (msg: string, extra?: Record<string, unknown>) => void,
): Promise<DatabaseServer> {
  if (config.databaseUrl) {
    const safe = config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@');
    return { url: config.databaseUrl, description: `external PostgreSQL ${safe}`, stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, mode, log });
  return { url: embedded.url, description: `embedded PostgreSQL in ${config.dataDir}`, stop: () => embedded.stop() };
}
