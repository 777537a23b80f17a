import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { connectDatabaseServer } from './platform/db/connect.js';
import { runMigrations } from './platform/db/migrate.js';
import { type Database, openDatabase } from './platform/db/pool.js';
import { Jobs } from './platform/jobs/jobs.js';
import { NotifyHub } from './platform/realtime/notify-hub.js';
import { smsGatewayOf } from './platform/sms/gateway.js';
import { createMailTransport } from './platform/mail/transport.js';
import { loggerOptions } from './platform/logging.js';
import { bootstrapFirstAccount } from './modules/setup/index.js';
import { secretBoxFor } from './platform/crypto/secret-box.js';
import { resealTotpSecrets } from './modules/two-factor/index.js';
import { workers } from './workers.js';

export interface StartOptions {
  /** runs after the migrations, before first-run setup: the demo loads its account here */
  seed?: (database: Database, config: Config, log: Logger) => Promise<void>;
}

/** Starts Tandem: configuration, database, migrations, first-run setup, then the HTTP server. */
export async function startTandem(options: StartOptions = {}): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // one standard-output stream for every log line, written without blocking the event loop: lines
  // that arrive while a write is under way go out together; flushed when the process exits
  const logStream = pino.destination({ dest: 1, sync: false });
  const log = pino(loggerOptions(config.logLevel) as pino.LoggerOptions, logStream);
  // an embedded PostgreSQL that dies is restarted; if it cannot be, Tandem exits non-zero so that
  // its service manager starts it again (see docs/OPERATIONS.md)
  const server = await connectDatabaseServer(config, 'owner', (msg, extra) => log.info(extra ?? {}, msg), {
    warn: (msg, extra) => log.warn(extra ?? {}, msg),
    // not awaited (a callback): it ends the process; every cleanup's failure is caught and logged
    onGiveUp: (message) => void exitAfterDatabaseLoss(message),
  });
  log.info(`database: ${server.description}`);

  let stopping = false;
  let stoppingSince = 0;
  const cleanups: (() => Promise<void>)[] = [() => server.stop()];
  async function runCleanups() {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((err) => log.error({ err }, 'error while stopping'));
    }
  }
  async function exitAfterDatabaseLoss(message: string) {
    if (stopping) return;
    stopping = true;
    stoppingSince = Date.now();
    log.fatal(`${message} Tandem stops (exit code 1) so that its service manager starts it again.`);
    process.stderr.write(`Tandem stops: ${message}\n`);
    // what is left to stop waits on a database that is gone: give it a few seconds, not more
    await Promise.race([runCleanups(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    process.exit(1);
  }
  async function shutdown(signal: string) {
    if (stopping) {
      // Ctrl-C reaches both this process and a wrapper (npm, tsx) that relays it: a repeat
      // within seconds is the same request; a later one means "stop waiting"
      if (Date.now() - stoppingSince < 3000) return;
      log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    stoppingSince = Date.now();
    server.expectExit();
    log.info(`${signal}: stopping`);
    await runCleanups();
    log.info('stopped');
    process.exit(0);
  }
  // not awaited (signal handlers): shutdown ends the process; every cleanup's failure is caught and logged
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await runMigrations(server.url);
    const database = openDatabase(server.url, {
      max: config.databasePoolSize,
      onError: (err) => log.error({ err }, 'database connection error'),
    });
    cleanups.push(() => database.close());

    const hub = new NotifyHub({ url: server.url, log });
    await hub.start();
    cleanups.push(() => hub.stop());
    // what the workers send mail and SMS through; closed after they stop (cleanups run in reverse):
    // nothing is cut mid-message
    const transports = { email: createMailTransport(config), from: config.smtp?.from ?? '', sms: smsGatewayOf(config) };
    cleanups.push(async () => transports.email?.close());
    // one pg-boss per process, for the workers that need queues or cron schedules
    const jobs = new Jobs({ url: server.url, log });
    await jobs.start();
    cleanups.push(() => jobs.stop());
    // every background worker (workers.ts), started in order and stopped in reverse
    for (const worker of workers) {
      const running = await worker.start({ config, database, jobs, hub, transports, log });
      cleanups.push(() => running.stop());
    }
    log.info({ workers: workers.map((w) => w.name) }, 'background workers started');
    if (!config.smtp) log.info('no SMTP_URL: e-mails are kept in the outbox (Configure › Outbox)');
    if (!config.smsGateway)
      log.info('no SMS_GATEWAY_URL: SMS and voice calls are kept in the outbox (Configure › Outbox)');

    if (options.seed) await options.seed(database, config, log);
    const { setupWaiting } = await bootstrapFirstAccount(database.db, config, log);

    // authenticator secrets sealed with the first configured key (plain ones from before, older keys)
    const secrets = secretBoxFor(config);
    const resealed = await resealTotpSecrets(database.db, secrets);
    if (resealed > 0) log.info(`${resealed} authenticator secret(s) sealed with key ${secrets.currentKeyId()}`);
    const app = await buildApp({ config, database, hub, logDestination: logStream, secrets });
    cleanups.push(() => app.close());
    await app.listen({ port: config.port, host: config.host });
    const { port } = app.server.address() as AddressInfo;
    // the port actually bound (PORT=0 picks a free one)
    const publicUrl = config.publicUrl ?? `http://localhost:${port}`;
    log.info(
      config.publicUrl
        ? `Tandem is running at ${config.publicUrl} (listening on ${config.host}:${port})`
        : `Tandem is running at ${publicUrl}`,
    );
    // warn level: the instance is unusable until someone completes setup
    if (setupWaiting) log.warn(`open ${publicUrl}/setup and enter the setup token to create the first account`);
    if (
      !config.metrics.token &&
      config.metrics.port === undefined &&
      !['127.0.0.1', '::1', 'localhost'].includes(config.host)
    ) {
      log.warn(
        '/metrics is open to anyone who reaches this port: set TANDEM_METRICS_TOKEN, or TANDEM_METRICS_PORT to serve it elsewhere (docs/OPERATIONS.md)',
      );
    }
  } catch (err) {
    // never leave the embedded database running behind a failed start
    stopping = true;
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    throw err;
  }
}

/** Runs Tandem as a program: a failed start prints one readable line and exits 1. */
export function runTandem(options: StartOptions = {}): void {
  startTandem(options).catch((err) => {
    process.stderr.write(`Tandem could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
