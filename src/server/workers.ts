import type { Logger } from 'pino';
import type { Config } from './config.js';
import { startAlerts } from './modules/alerts/index.js';
import { startSessionSweep } from './modules/auth/index.js';
import { startDeviceSampler } from './modules/dashboard/index.js';
import { startOfflineSweep } from './modules/devices/index.js';
import { startRemoteSweep } from './modules/remote/index.js';
import { startScriptSweep } from './modules/device-scripts/index.js';
import { startReportJobs } from './modules/reports/index.js';
import { startSupportJobs } from './modules/requests/index.js';
import { startSessionJobs } from './modules/sessions/index.js';
import { senderNamesFrom } from './modules/settings/index.js';
import type { Database } from './platform/db/pool.js';
import type { Jobs } from './platform/jobs/jobs.js';
import type { Transports } from './platform/mail/delivery.js';
import { startDelivery } from './platform/mail/delivery-loop.js';
import type { NotifyHub } from './platform/realtime/notify-hub.js';

/** What a background worker may use: the process's database, pg-boss, notification hub and transports. */
export interface WorkerContext {
  config: Config;
  database: Database;
  jobs: Jobs;
  hub: NotifyHub;
  transports: Transports;
  log: Logger;
}

export interface RunningWorker {
  /** Stops taking work and waits for the work under way. */
  stop(): Promise<void>;
}

export interface Worker {
  name: string;
  start(ctx: WorkerContext): Promise<RunningWorker>;
}

/**
 * Every background worker of a Tandem process, in the order `start.ts` starts them (it stops them
 * in reverse). Each runs in every process; what must happen once across processes is made so by
 * the database (row locks, conditional updates) or by pg-boss.
 */
export const workers: readonly Worker[] = [
  {
    // every outgoing message from the outbox, woken by NOTIFY
    name: 'delivery',
    start: ({ database, hub, transports, log }) =>
      startDelivery({ database, hub, transports, log, senderNames: senderNamesFrom(database.db) }),
  },
  {
    // alert rules: new domain events at once, delayed conditions every minute (pg-boss cron)
    name: 'alerts',
    start: ({ database, jobs, hub, log, config }) => startAlerts({ database, jobs, hub, log, config }),
  },
  {
    // scheduled reports: a pg-boss cron tick every minute and the workers of runs
    name: 'reports',
    start: ({ database, jobs, hub, log }) => startReportJobs({ db: database.db, jobs, hub, log }),
  },
  {
    // waiting requests past their timeout or with nobody left to take them; transcript retention
    name: 'support sweeps',
    start: async ({ database, config, log }) => startSupportJobs({ db: database.db, config, log }),
  },
  {
    // devices that missed their heartbeats
    name: 'offline sweep',
    start: async ({ database, config, log }) =>
      startOfflineSweep({ db: database.db, heartbeatSeconds: config.agentHeartbeatSeconds, log }),
  },
  {
    // the dashboard's device trend: each company's online and offline counts every 15 minutes, kept 8 days
    name: 'device status sampler',
    start: async ({ database, log }) => startDeviceSampler({ db: database.db, log }),
  },
  {
    // remote-support sessions: codes that ran out, stale signals, recordings past retention
    name: 'remote sessions',
    start: async ({ database, config, log }) => startSessionJobs({ db: database.db, config, log }),
  },
  {
    // device sessions: consent never answered, agents gone too long
    name: 'device sessions',
    start: async ({ database, log }) => startRemoteSweep({ db: database.db, log }),
  },
  {
    // script runs: parts no agent took before their run's wait ended, or never reported
    name: 'script runs',
    start: async ({ database, log }) => startScriptSweep({ db: database.db, log }),
  },
  {
    // sessions that ended without signing out; the sign-in throttle's stale records
    name: 'session sweep',
    start: async ({ database, log }) => startSessionSweep({ db: database.db, log }),
  },
];
