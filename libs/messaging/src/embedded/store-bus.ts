import type { RecordedEvent } from '@ledger/events';
import type { EventStore } from '@ledger/eventstore';
import type { SqlQueryable } from '@ledger/sql';
import type { Logger } from 'pino';
import type { Bus, CheckpointStore, Consumer, ConsumerHandle } from '../port.ts';
import { ConsumerRunner, type DeadLetters } from './consumer-runner.ts';
import { LazyCheckpoints } from './lazy-checkpoints.ts';
import { SharedTail } from './shared-tail.ts';

export type { DeadLetters } from './consumer-runner.ts';

/** Dead letters of the embedded bus: a table beside the ledger, so that nothing is lost silently. */
export async function sqlDeadLetters(sql: SqlQueryable): Promise<DeadLetters> {
  await sql.query(`
    create table if not exists dead_letters (
      consumer     text not null,
      event_id     uuid not null,
      position     bigint not null,
      reason       text not null,
      recorded_at  timestamptz not null default now(),
      primary key (consumer, event_id)
    )`);
  return {
    async record(consumer, event: RecordedEvent, reason) {
      await sql.query('insert into dead_letters (consumer, event_id, position, reason) values ($1, $2, $3, $4) on conflict do nothing', [
        consumer,
        event.eventId,
        event.position,
        reason,
      ]);
    },
  };
}

export interface EmbeddedBusOptions {
  store: EventStore;
  checkpoints: CheckpointStore;
  deadLetters: DeadLetters;
  logger: Logger;
  /** Save a checkpoint at once when the consumer passed over this many events since its last save (default 1000). */
  skippedCheckpointInterval?: number;
  /** How long after a consumer caught up its passed-over position is saved (default 1000 ms). */
  lazyCheckpointDelayMs?: number;
  /** Events read at a time, by the shared reader and by a consumer behind it (default 500). */
  batchSize?: number;
  /** Events a consumer may hold unhandled before it leaves the shared reader and reads for itself (default 5000). */
  maxHeld?: number;
}

/** The bus of embedded mode, and how far each of its consumers has read. */
export interface EmbeddedBus extends Bus {
  /**
   * How far a consumer has handled the global order: from memory while it runs here (ahead of its saved
   * checkpoint over events it passed over), else its saved checkpoint.
   */
  readonly positions: { load(name: string): Promise<number> };
  /** Saves every position passed over and not saved yet (normally a while after the consumers caught up). */
  flushCheckpoints(): Promise<void>;
  /**
   * Resolves `true` once every consumer running on this bus has handled the global order through `position`, `false`
   * after `timeoutMs` if one has not. Consumers that stop, or retry after an error, are not waited for: one failing
   * handler must not hold everyone's answers. Driven by the consumers' positions in memory, not by queries.
   */
  caughtUp(position: number, timeoutMs: number): Promise<boolean>;
}

/**
 * The bus of embedded mode: consumers follow the store's global order, as they would follow their Kafka topics,
 * through one shared reader (see SharedTail and ConsumerRunner). Each consumer is handed only the events of its
 * types, in batches; a batch's effects and its checkpoint are stored together, and a checkpoint moves lazily over
 * events the consumer does not handle. At least once: a crash redelivers what was in flight. A handler error
 * other than a poison message is retried with backoff and never skipped; a poison message is recorded as a dead
 * letter and passed.
 */
export function embeddedBus(options: EmbeddedBusOptions): EmbeddedBus {
  const batchSize = options.batchSize ?? 500;
  const tail = new SharedTail({ store: options.store, logger: options.logger.child({ component: 'shared-reader' }), batchSize });
  const lazy = new LazyCheckpoints({ checkpoints: options.checkpoints, logger: options.logger, delayMs: options.lazyCheckpointDelayMs ?? 1_000 });
  const runners = new Map<string, ConsumerRunner>();
  const waiters = new Set<{ position: number; resolve: (reached: boolean) => void }>();
  const hasReached = (position: number) => [...runners.values()].every((runner) => runner.position >= position || runner.failing);
  // Called on every move of a consumer: cheap while nobody waits, and waiters are few (the requests in flight).
  const progressed = () => {
    for (const waiter of waiters) if (hasReached(waiter.position)) waiter.resolve(true);
  };
  let tailStarted: Promise<void> | undefined;

  return {
    async start(consumer: Consumer): Promise<ConsumerHandle> {
      if (runners.has(consumer.name)) throw new Error(`consumer ${consumer.name} already runs on this bus`);
      // A start that failed (the store did not answer) is tried again by the next consumer's start.
      await (tailStarted ??= tail.start().catch((error: unknown) => {
        tailStarted = undefined;
        throw error;
      }));
      const after = await options.checkpoints.load(consumer.name);
      const runner = new ConsumerRunner(consumer, after, {
        store: options.store,
        tail,
        checkpoints: options.checkpoints,
        lazy,
        deadLetters: options.deadLetters,
        logger: options.logger,
        batchSize,
        maxHeld: options.maxHeld ?? 5_000,
        skippedCheckpointInterval: options.skippedCheckpointInterval ?? 1_000,
        progressed,
      });
      runners.set(consumer.name, runner);
      let stopped: Promise<void> | undefined;
      return {
        done: runner.done,
        stop: () =>
          (stopped ??= (async () => {
            await runner.stop();
            runners.delete(consumer.name);
            progressed();
          })()),
      };
    },
    async close() {
      await Promise.all([...runners.values()].map((runner) => runner.stop()));
      runners.clear();
      progressed();
      await lazy.close();
      await tail.close();
    },
    positions: {
      load: async (name) => runners.get(name)?.position ?? (await options.checkpoints.load(name)),
    },
    flushCheckpoints: () => lazy.flush(),
    caughtUp(position, timeoutMs) {
      if (hasReached(position)) return Promise.resolve(true);
      return new Promise((resolve) => {
        const waiter = {
          position,
          resolve: (reached: boolean) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(reached);
          },
        };
        const timer = setTimeout(() => waiter.resolve(false), timeoutMs);
        timer.unref?.();
        waiters.add(waiter);
      });
    },
  };
}
