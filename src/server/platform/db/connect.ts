import type { Config } from '../../config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseServer {
  url: string;
  /** where the data lives, for the start-up log */
  description: string;
  /** Tandem is stopping: an embedded server that stops now is not restarted */
  expectExit(): void;
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
  supervision: {
    warn?: (msg: string, extra?: Record<string, unknown>) => void;
    onGiveUp?: (message: string) => void;
  } = {},
): Promise<DatabaseServer> {
  if (config.databaseUrl) {
    const safe = config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@');
    return {
      url: config.databaseUrl,
      description: `external PostgreSQL ${safe}`,
      expectExit: () => {},
      stop: async () => {},
    };
  }
  // an embedded server that dies is restarted; `onGiveUp` hears when it cannot be
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    mode,
    log,
    warn: supervision.warn,
    restart: { onGiveUp: supervision.onGiveUp },
  });
  return {
    url: embedded.url,
    description: `embedded PostgreSQL in ${config.dataDir}`,
    expectExit: () => embedded.expectExit(),
    stop: () => embedded.stop(),
  };
}
