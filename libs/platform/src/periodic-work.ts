import type { Logger } from 'pino';

/** Background work run at an interval (a deadline watcher), or once by hand (tests, a start-up sweep). */
export interface PeriodicWork<Result> {
  runOnce(): Promise<Result>;
  start(intervalMs: number): void;
  /** Stops the timer and waits for a run in progress, so that nothing writes after a host stopped. */
  stop(): Promise<void>;
}

/**
 * `work` every `intervalMs` once started. A failed run is logged under `name` and tried again at the next
 * tick: a watcher outlives a database hiccup. The timer never keeps the process alive by itself.
 */
export function periodicWork<Result>(name: string, work: () => Promise<Result>, logger: Logger): PeriodicWork<Result> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    runOnce: work,
    start(intervalMs) {
      timer = setInterval(() => {
        running = work().catch((error: unknown) => logger.error({ err: error }, `${name} failed; will retry`));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
