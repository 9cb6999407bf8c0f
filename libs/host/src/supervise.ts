import type { Bus, ConsumerHandle } from '@ledger/messaging';
import type { Logger } from '@ledger/platform';
import type { StartedConsumer } from './run-modules.ts';

export interface SupervisionOptions {
  bus: Bus;
  logger: Logger;
  /** True once the process is stopping: a consumer that ends then is not started again. */
  stopping(): boolean;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Starts a consumer again, with growing pauses, whenever it stops on an error. kafkajs gives up on some
 * errors it meets while a broker is away (a group coordinator not found after its retries) and leaves the
 * consumer stopped; the process would look healthy and read nothing. Starting it again resumes from the
 * group's committed offsets, so nothing is skipped, and what was handled but not committed comes again
 * (consumers are idempotent by event id).
 */
export function superviseConsumers(started: readonly StartedConsumer[], options: SupervisionOptions): void {
  const initialDelayMs = options.initialDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;

  const watch = ({ consumer, handle }: StartedConsumer, failures: number) => {
    handle.done.catch(async (error: unknown) => {
      for (let attempt = failures + 1; !options.stopping(); attempt += 1) {
        const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt - 1, 10));
        options.logger.error({ err: error, consumer: consumer.name, attempt, delayMs }, 'consumer stopped on an error; starting it again');
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (options.stopping()) return;
        let restarted: ConsumerHandle;
        try {
          restarted = await options.bus.start(consumer);
        } catch (startError) {
          error = startError;
          continue;
        }
        watch({ consumer, handle: restarted }, attempt);
        return;
      }
    });
  };
  for (const consumer of started) watch(consumer, 0);
}
