/**
 * Keeps the embedded PostgreSQL running under a running Tandem: when the postmaster exits without
 * being asked to (killed, crashed, out of memory), it is started again with backoff, on the same
 * port, so every connection string in use stays valid; PostgreSQL's own crash recovery replays
 * its WAL, so whatever was committed is still there. When it cannot be restarted (its data folder
 * is gone, every attempt failed, or it keeps dying), `onGiveUp` is told, once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { PostgresProcess } from './postgres-process.js';

export interface RestartPolicy {
  /** wait before the first attempt after a death; doubles after each failed attempt */
  firstDelayMs: number;
  maxDelayMs: number;
  /** failed attempts in a row after one death before giving up */
  attempts: number;
  /** more deaths than this within `windowMs` is a crash loop: give up rather than restart again */
  maxDeaths: number;
  windowMs: number;
}

/** About 30 s of attempts after a death (0.5, 1, 2, 4, 8, 10, 10 s apart); at most 5 deaths in 10 minutes. */
export const defaultRestartPolicy: RestartPolicy = {
  firstDelayMs: 500,
  maxDelayMs: 10_000,
  attempts: 7,
  maxDeaths: 5,
  windowMs: 10 * 60_000,
};

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export interface SupervisorOptions {
  first: PostgresProcess;
  /** starts the server again (same data folder, same port); throws when it cannot */
  restart: () => Promise<PostgresProcess>;
  /** why restarting cannot work at all (e.g. the data folder is gone), or null */
  cannotRestart: () => string | null;
  log: Log;
  warn: Log;
  onGiveUp: (reason: string) => void;
  policy?: Partial<RestartPolicy>;
}

export interface Supervisor {
  /** the postmaster running now (the last one started) */
  readonly current: PostgresProcess;
  /** from now on an exit is expected (Tandem is stopping, and so may the server be): no more restarts */
  expectExit(): void;
  /** stops watching, waits for an attempt under way, stops the server; idempotent */
  stop(): Promise<void>;
}

export function supervisePostgres(options: SupervisorOptions): Supervisor {
  const policy = { ...defaultRestartPolicy, ...options.policy };
  const { log, warn } = options;
  let current = options.first;
  let stopped = false;
  let gaveUp = false;
  let recovering: Promise<void> | null = null;
  const wakeUp = new AbortController();
  const deaths: number[] = [];

  const giveUp = (reason: string) => {
    if (gaveUp || stopped) return;
    gaveUp = true;
    options.onGiveUp(reason);
  };

  function watch(proc: PostgresProcess): void {
    proc.onUnexpectedExit((exit) => {
      if (stopped || proc !== current) return;
      warn('embedded PostgreSQL exited unexpectedly; restarting it', {
        postmasterPid: proc.pid,
        code: exit.code,
        signal: exit.signal,
      });
      recovering = recover().finally(() => (recovering = null));
    });
  }

  async function recover(): Promise<void> {
    const now = Date.now();
    deaths.push(now);
    while (deaths.length > 0 && deaths[0]! < now - policy.windowMs) deaths.shift();
    if (deaths.length > policy.maxDeaths) {
      const minutes = Math.round(policy.windowMs / 60_000);
      return giveUp(`it stopped ${deaths.length} times within ${minutes} minute${minutes === 1 ? '' : 's'}`);
    }
    let delay = policy.firstDelayMs;
    let lastError = '';
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      const impossible = options.cannotRestart();
      if (impossible) return giveUp(impossible);
      await sleep(delay, undefined, { signal: wakeUp.signal }).catch(() => {});
      if (stopped) return;
      try {
        const proc = await options.restart();
        if (stopped) return void (await proc.stop());
        current = proc;
        watch(proc);
        log('embedded PostgreSQL restarted', { postmasterPid: proc.pid, port: proc.port, attempt });
        return;
      } catch (err) {
        lastError = (err as Error).message;
        warn('embedded PostgreSQL did not restart; trying again', { attempt, error: lastError.split('\n')[0] });
      }
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
    giveUp(`${policy.attempts} attempts to restart it failed; the last: ${lastError}`);
  }

  watch(current);
  let stopping: Promise<void> | null = null;
  return {
    get current() {
      return current;
    },
    expectExit() {
      stopped = true;
      wakeUp.abort();
    },
    stop: () =>
      (stopping ??= (async () => {
        stopped = true;
        wakeUp.abort();
        await recovering;
        await current.stop();
      })()),
  };
}
