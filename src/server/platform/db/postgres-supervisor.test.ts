import { describe, expect, it } from 'vitest';
import type { PostgresProcess } from './postgres-process.js';
import { type RestartPolicy, supervisePostgres } from './postgres-supervisor.js';

/** A stand-in postmaster: `die()` is an exit nobody asked for. */
function fakeProcess(pid: number) {
  let onExit: ((e: { code: number | null; signal: NodeJS.Signals | null }) => void) | null = null;
  const proc = {
    pid,
    port: 5555,
    stopped: false,
    stop: async () => void (proc.stopped = true),
    onUnexpectedExit: (cb: typeof onExit) => void (onExit = cb),
    die: () => onExit?.({ code: null, signal: 'SIGKILL' }),
  };
  return proc satisfies PostgresProcess;
}

const fast: Partial<RestartPolicy> = { firstDelayMs: 5, maxDelayMs: 20, attempts: 4, maxDeaths: 3, windowMs: 60_000 };
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

function harness({ failures = 0, cannotRestart = () => null as string | null, policy = fast } = {}) {
  const started: ReturnType<typeof fakeProcess>[] = [];
  const given: string[] = [];
  const logs: string[] = [];
  let attempts = 0;
  let nextPid = 100;
  const first = fakeProcess(nextPid++);
  const supervisor = supervisePostgres({
    first,
    restart: async () => {
      attempts++;
      if (attempts <= failures) throw new Error(`Address already in use (attempt ${attempts})\nmore lines`);
      const proc = fakeProcess(nextPid++);
      started.push(proc);
      return proc;
    },
    cannotRestart,
    log: (msg) => logs.push(msg),
    warn: (msg) => logs.push(msg),
    onGiveUp: (reason) => given.push(reason),
    policy,
  });
  return { first, supervisor, started, given, logs, attempts: () => attempts };
}

describe('supervisePostgres', () => {
  it('restarts a postmaster that died, retrying failed attempts, and watches the new one', async () => {
    const h = harness({ failures: 2 });
    h.first.die();
    await until(() => h.started.length === 1);
    expect(h.attempts()).toBe(3);
    expect(h.supervisor.current).toBe(h.started[0]);
    expect(h.logs).toEqual([
      'embedded PostgreSQL exited unexpectedly; restarting it',
      'embedded PostgreSQL did not restart; trying again',
      'embedded PostgreSQL did not restart; trying again',
      'embedded PostgreSQL restarted',
    ]);
    // the restarted one is supervised too
    h.started[0]!.die();
    await until(() => h.started.length === 2);
    expect(h.given).toEqual([]);
    await h.supervisor.stop();
    expect(h.started[1]!.stopped).toBe(true);
  });

  it('gives up, once, after every attempt failed', async () => {
    const h = harness({ failures: 100 });
    h.first.die();
    await until(() => h.given.length === 1);
    expect(h.attempts()).toBe(4);
    expect(h.given[0]).toMatch(/^4 attempts to restart it failed; the last: Address already in use \(attempt 4\)/);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.given).toHaveLength(1);
  });

  it('gives up at once when its data folder is gone', async () => {
    const h = harness({ cannotRestart: () => 'its data folder /srv/tandem/postgres is gone' });
    h.first.die();
    await until(() => h.given.length === 1);
    expect(h.given).toEqual(['its data folder /srv/tandem/postgres is gone']);
    expect(h.attempts()).toBe(0);
  });

  it('gives up when it keeps dying (a crash loop)', async () => {
    const h = harness();
    h.first.die();
    for (let n = 1; n <= 3; n++) {
      await until(() => h.started.length === n);
      h.started[n - 1]!.die();
    }
    await until(() => h.given.length === 1);
    expect(h.given[0]).toBe('it stopped 4 times within 1 minute');
    expect(h.started).toHaveLength(3);
  });

  it('does not restart once told an exit is expected, nor after stop()', async () => {
    const h = harness({ policy: { ...fast, firstDelayMs: 200 } });
    h.supervisor.expectExit();
    h.first.die();
    await new Promise((r) => setTimeout(r, 30));
    expect(h.attempts()).toBe(0);

    const k = harness({ policy: { ...fast, firstDelayMs: 200 } });
    k.first.die(); // waiting out the first delay
    await k.supervisor.stop();
    expect(k.attempts()).toBe(0);
    expect(k.given).toEqual([]);
  });
});
