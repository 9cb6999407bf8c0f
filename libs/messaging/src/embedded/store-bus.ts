import { type RecordedEvent, serviceOf, upcast } from '@ledger/events';
import type { EventStore } from '@ledger/eventstore';
import type { SqlQueryable } from '@ledger/sql';
import type { Logger } from 'pino';
import { type Bus, type CheckpointStore, type Consumer, type ConsumerHandle, PoisonMessageError } from '../port.ts';

export interface DeadLetters {
  record(consumer: string, event: RecordedEvent, reason: string): Promise<void>;
}

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
    async record(consumer, event, reason) {
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
  /** Save the checkpoint at least every this many events skipped because the consumer does not read them. */
  skippedCheckpointInterval?: number;
}

/**
 * The bus of embedded mode: each consumer follows the store's global order from its checkpoint, as it would
 * follow its Kafka topics. At-least-once: the checkpoint moves only after the handler resolved, so a crash
 * redelivers what was in flight. A handler error other than PoisonMessageError is retried with backoff and
 * never skipped; a poison message is recorded as a dead letter and passed.
 */
export function embeddedBus(options: EmbeddedBusOptions): Bus {
  const running = new Set<ConsumerHandle>();
  const skippedInterval = options.skippedCheckpointInterval ?? 500;

  return {
    async start(consumer: Consumer): Promise<ConsumerHandle> {
      const log = options.logger.child({ consumer: consumer.name });
      let stopping = false;
      let wakeFromBackoff: () => void = () => {};
      let skipped = 0;
      // The last position passed over without a save: saved when the subscription catches up, so that a
      // consumer whose services fall silent still reports that it has read the whole ledger.
      let unsavedSkippedPosition = 0;
      const services = new Set<string>(consumer.services);
      const after = await options.checkpoints.load(consumer.name);
      log.info({ after }, 'consumer starting');

      const deliver = async (event: RecordedEvent) => {
        for (let attempt = 1; !stopping; attempt += 1) {
          try {
            const current = { ...event, ...upcast(event.type, event.schemaVersion, event.data) };
            await consumer.handle(current);
            return;
          } catch (error) {
            if (error instanceof PoisonMessageError || (error instanceof Error && error.name === 'InvalidEventError')) {
              log.error({ eventId: event.eventId, position: event.position, reason: error.message }, 'dead letter');
              await options.deadLetters.record(consumer.name, event, error.message);
              return;
            }
            const delayMs = Math.min(5_000, 50 * 2 ** Math.min(attempt, 7));
            log.warn({ err: error, eventId: event.eventId, attempt, delayMs }, 'handler failed; retrying');
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, delayMs);
              wakeFromBackoff = () => {
                clearTimeout(timer);
                resolve();
              };
            });
          }
        }
        throw new Error('consumer stopped before the event was handled');
      };

      const saveCheckpoint = async (position: number) => {
        await options.checkpoints.save(consumer.name, position);
        unsavedSkippedPosition = 0;
      };
      const onCaughtUp = async () => {
        if (unsavedSkippedPosition > 0) await saveCheckpoint(unsavedSkippedPosition);
      };
      const subscription = options.store.subscribe({ after, onCaughtUp }, async (event) => {
        if (!services.has(serviceOf(event.type))) {
          skipped += 1;
          unsavedSkippedPosition = event.position;
          if (skipped % skippedInterval === 0) await saveCheckpoint(event.position);
          return;
        }
        await deliver(event);
        await saveCheckpoint(event.position);
      });

      const handle: ConsumerHandle = {
        done: subscription.done.catch((error: unknown) => {
          if (!stopping) throw error;
        }),
        async stop() {
          stopping = true;
          wakeFromBackoff();
          await subscription.stop();
          running.delete(handle);
        },
      };
      running.add(handle);
      return handle;
    },
    async close() {
      await Promise.all([...running].map((handle) => handle.stop()));
    },
  };
}
