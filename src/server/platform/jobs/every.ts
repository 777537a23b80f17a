export interface EveryLog {
  error(obj: object, msg: string): void;
}

export interface Every {
  /** Stops the timer and waits for the run under way, if any. */
  stop(): Promise<void>;
}

/**
 * Runs `work` every `everyMs` in this process (at once too when `immediately`), never two runs at
 * once: a tick that finds the previous run still going is skipped. A failed run is logged as
 * "<name> failed" and the next tick tries again. The timer does not keep the process alive.
 */
export function every(
  everyMs: number,
  work: () => Promise<unknown>,
  { name, log, immediately = false }: { name: string; log: EveryLog; immediately?: boolean },
): Every {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = work()
      .then(
        () => undefined,
        (err: unknown) => log.error({ err }, `${name} failed`),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  if (immediately) tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
