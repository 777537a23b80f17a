import { loadConfig, type Config } from '../config.js';
import { connectDatabaseServer } from '../platform/db/connect.js';
import { runMigrations } from '../platform/db/migrate.js';
import { openDatabase, type Db } from '../platform/db/pool.js';
import { writeLine, type CliIo } from './io.js';

export interface CommandDatabase {
  db: Db;
  url: string;
  config: Config;
}

export interface RunOptions {
  /** apply pending migrations before the work (default true: the tool works on a fresh data folder) */
  migrate?: boolean;
}

const quietLevels = new Set(['silent', 'fatal', 'error', 'warn']);

/**
 * The frame of every command that needs the database: configuration, the database server
 * (DATABASE_URL, a running Tandem's embedded server, or an embedded server started for this
 * command), migrations, a small pool; then the work; then the pool closed and the server
 * stopped, whatever happened. Ctrl-C or SIGTERM in the middle also stops the server.
 */
export async function runWithDatabase<T>(
  io: CliIo,
  work: (database: CommandDatabase) => Promise<T>,
  options: RunOptions = {},
): Promise<T> {
  const config = loadConfig(io.env); // a ConfigError says what is wrong
  const log = (msg: string) => {
    if (!quietLevels.has(config.logLevel)) writeLine(io.stderr, `tandem: ${msg}`);
  };
  const server = await connectDatabaseServer(config, 'client', log);
  let database: ReturnType<typeof openDatabase> | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await database?.close().catch(() => {});
      await server.stop();
    })());

  const onSignal = (signal: NodeJS.Signals) => {
    writeLine(io.stderr, `tandem: ${signal}: stopping`);
    // not awaited (a signal handler); the process exits whatever the clean-up gives, so a failure
    // of it has nothing left to reach
    void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    log(`database: ${server.description}`);
    if (options.migrate !== false) await runMigrations(server.url);
    database = openDatabase(server.url, { max: 2 });
    return await work({ db: database.db, url: server.url, config });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanUp();
  }
}
