import type { RecordedEvent, ServiceName } from '@ledger/events';
import type { SqlWrite } from '@ledger/sql';

/**
 * A reader of other services' events. The same consumer code runs on the embedded bus (delivering from
 * the store's global order) and on Kafka (one topic per service): delivery is at-least-once, so `handle`
 * must be idempotent by event id (in practice: the effects it appends carry ids derived from the source
 * event's id, which makes a redelivered effect a no-op in the store).
 */
export interface Consumer {
  /** Stable name: the consumer group on Kafka, the checkpoint key in embedded mode. */
  readonly name: string;
  /** The services whose events it reads (topics `ledger.<service>` on Kafka). */
  readonly services: readonly ServiceName[];
  /**
   * The types of those services' events it handles: the bus hands it no other, and moves its checkpoint over
   * them lazily (without a write for each). Absent: every type of `services`.
   */
  readonly eventTypes?: readonly string[];
  /** Resolves once the event's effect is stored; only then is the event acknowledged (checkpoint, commit). */
  handle(event: RecordedEvent): Promise<void>;
  /**
   * Optional: handles several events, in order, as one unit whose effects are stored together or not at all
   * (a projection's unit of work). `acknowledgement` is the bus's checkpoint as a SQL write, when the bus keeps
   * it in SQL: the consumer commits it with its effects where it writes to the same database, and answers
   * whether it did (if not, the bus saves it after). A consumer without it is handed one event at a time and
   * acknowledged once a batch, so its effects must be idempotent by source event.
   */
  handleBatch?(events: readonly RecordedEvent[], acknowledgement?: SqlWrite): Promise<boolean>;
  /**
   * Optional, for a consumer without `handleBatch` whose events' effects do not depend on each other (each one appends
   * to a stream of its own source event, e.g. a case opened per rating): the embedded bus may then hand it the events of
   * a batch at once, so that their appends share one group commit instead of one commit (and one round of the read
   * models after it) each. Each event is still retried on its own, and the batch acknowledged once all are handled.
   */
  readonly independentEvents?: boolean;
}

export interface ConsumerHandle {
  /** Resolves when the consumer has stopped; rejects if it stopped on an error it could not get past. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export interface Bus {
  start(consumer: Consumer): Promise<ConsumerHandle>;
  close(): Promise<void>;
}

/**
 * Thrown by a consumer for a message that can never be handled (it fails validation): the bus moves it to
 * the dead-letter topic with the reason and carries on. Any other error is retried: nothing is skipped.
 */
export class PoisonMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PoisonMessageError';
  }
}

/** Where a consumer or the relay records how far it got in a sequence, so a restart resumes there. */
export interface CheckpointStore {
  /** The last position handled, 0 when none. */
  load(name: string): Promise<number>;
  save(name: string, position: number): Promise<void>;
  /** Several at once (one statement in SQL). */
  saveMany?(positions: ReadonlyArray<{ name: string; position: number }>): Promise<void>;
  /** The save as a write that another component's transaction can take along (SQL stores only). */
  saveWrite?(name: string, position: number): SqlWrite;
}

/** Kafka topic of a service's events. */
export const topicOf = (service: ServiceName): string => `ledger.${service}`;
export const deadLetterTopicOf = (topic: string): string => `${topic}.dlq`;
