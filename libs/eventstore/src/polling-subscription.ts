import type { EventHandler, EventStore, SubscribeOptions, Subscription } from './port.ts';

export interface Wakeable {
  /** How many appends were signalled so far: taken before a read, handed back to `waitForAppend`. */
  signalled(): number;
  /**
   * Resolves when new events may be available, or after `timeoutMs` at the latest; at once when appends were
   * signalled since `seen` (they came while the caller was reading, and would otherwise wait a whole poll).
   */
  waitForAppend(timeoutMs: number, seen?: number): Promise<void>;
}

/**
 * Follows the global order by reading batches after the last delivered position. Correct on any
 * store whose `readAll` never shows a position behind one already read; the wake signal only makes
 * it prompt, polling makes it complete (appends from other processes raise no local signal).
 */
export function pollingSubscription(
  store: Pick<EventStore, 'readAll'>,
  wake: Wakeable,
  options: SubscribeOptions & { idlePollMs?: number },
  handler: EventHandler,
): Subscription {
  let running = true;
  let stopped: () => void = () => {};
  const stopSignal = new Promise<void>((resolve) => (stopped = resolve));
  const batchSize = options.batchSize ?? 500;
  const idlePollMs = options.idlePollMs ?? 250;

  const done = (async () => {
    let after = options.after;
    while (running) {
      const seen = wake.signalled();
      const batch = await store.readAll({ after, limit: batchSize });
      for (const event of batch) {
        if (!running) return;
        await handler(event);
        after = event.position;
      }
      if (batch.length < batchSize) {
        if (running && options.onCaughtUp) await options.onCaughtUp(after);
        await Promise.race([wake.waitForAppend(idlePollMs, seen), stopSignal]);
      }
    }
  })();

  return {
    done,
    async stop() {
      running = false;
      stopped();
      await done.catch(() => {});
    },
  };
}

/** An in-process signal that appends raise and subscriptions wait on. */
export function appendSignal(): Wakeable & { notify(): void } {
  let waiters: Array<() => void> = [];
  let count = 0;
  return {
    signalled: () => count,
    notify() {
      count += 1;
      const current = waiters;
      waiters = [];
      for (const resolve of current) resolve();
    },
    waitForAppend(timeoutMs, seen) {
      if (seen !== undefined && seen !== count) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
