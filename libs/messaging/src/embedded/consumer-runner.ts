import { type RecordedEvent, UnknownEventTypeError, handledEventTypes, isKnownEventType, upcast } from '@ledger/events';
import { type EventStore, runWithFreshnessSince } from '@ledger/eventstore';
import type { Logger } from 'pino';
import { type CheckpointStore, type Consumer, PoisonMessageError } from '../port.ts';
import type { LazyCheckpoints, Progress } from './lazy-checkpoints.ts';
import type { SharedTail, TailMember } from './shared-tail.ts';

export interface DeadLetters {
  record(consumer: string, event: RecordedEvent, reason: string): Promise<void>;
}

export interface RunnerOptions {
  store: EventStore;
  tail: SharedTail;
  checkpoints: CheckpointStore;
  lazy: LazyCheckpoints;
  deadLetters: DeadLetters;
  logger: Logger;
  /** Events read at a time when behind the tail. */
  batchSize: number;
  /** Events a consumer may hold unhandled before the tail lets go of it. */
  maxHeld: number;
  /** Saved at once when it passed over this many events since its last save. */
  skippedCheckpointInterval: number;
  /** Told whenever `position` moves or `failing` turns true (EmbeddedBus.caughtUp). */
  progressed?: () => void;
}

class Stopping extends Error {}

/** Events that can never be handled, whatever the retries: recorded as dead letters and passed. */
const isDeadLetter = (error: unknown): error is Error =>
  error instanceof PoisonMessageError || error instanceof UnknownEventTypeError || (error instanceof Error && error.name === 'InvalidEventError');

/**
 * One consumer of the embedded bus. It holds what it has been handed and not handled yet (only events of its
 * types, and how far the handing reached), handles that in batches, and saves its checkpoint with each batch it
 * handles (in the same transaction when the consumer can take it along), lazily over events it passes over.
 * While it keeps up it is a member of the shared tail; behind it (new, retrying, or too slow) it reads the store
 * itself from where it stands until it reaches the tail, then joins it again. At least once: nothing moves its
 * checkpoint before its effects are stored; a redelivered batch is handled again.
 */
export class ConsumerRunner implements TailMember, Progress {
  readonly name: string;
  /** Every event up to here is handled and its effects stored. */
  position: number;
  saved: number;
  /** Retrying after an error (a handler or the store failed): it may not move for a while, and nobody should wait on it. */
  failing = false;
  private readonly consumer: Consumer;
  private readonly options: RunnerOptions;
  private readonly log: Logger;
  private readonly types: ReadonlySet<string>;
  private held: RecordedEvent[] = [];
  private heldThrough: number;
  private member = false;
  private stopping = false;
  /** Ends an idle wait: something was handed over, or the consumer stops. */
  private wake: (() => void) | undefined;
  private woken = false;
  /** End the pauses (backoffs) under way early: only when the consumer stops. Several with independent events. */
  private readonly interrupts = new Set<() => void>();
  readonly done: Promise<void>;

  constructor(consumer: Consumer, after: number, options: RunnerOptions) {
    this.consumer = consumer;
    this.options = options;
    this.name = consumer.name;
    this.position = after;
    this.saved = after;
    this.heldThrough = after;
    this.types = handledEventTypes(consumer.services, consumer.eventTypes);
    this.log = options.logger.child({ consumer: consumer.name });
    this.done = this.run();
  }

  get through(): number {
    return this.heldThrough;
  }

  offer(events: readonly RecordedEvent[], end: number): 'taken' | 'full' {
    this.take(events, end);
    this.signal();
    if (this.held.length > this.options.maxHeld) {
      this.member = false;
      return 'full';
    }
    return 'taken';
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.options.tail.leave(this);
    this.signal();
    for (const interrupt of this.interrupts) interrupt();
    await this.done;
    await this.options.lazy.saveNow(this).catch((error: unknown) => this.log.warn({ err: error }, 'could not save the checkpoint on stop'));
  }

  /** Events of its types (and of types nobody knows: they are dead-lettered, not passed over in silence). */
  private wants(event: RecordedEvent): boolean {
    return this.types.has(event.type) || !isKnownEventType(event.type);
  }

  private take(events: readonly RecordedEvent[], end: number): void {
    if (end <= this.heldThrough) return;
    for (const event of events) {
      if (event.position > this.heldThrough && this.wants(event)) this.held.push(event);
    }
    this.heldThrough = end;
  }

  private signal(): void {
    this.woken = true;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async idle(): Promise<void> {
    if (this.woken) return;
    await new Promise<void>((resolve) => (this.wake = resolve));
  }

  private async run(): Promise<void> {
    this.log.info({ after: this.position }, 'consumer starting');
    for (let failures = 0; !this.stopping; ) {
      try {
        this.woken = false;
        if (this.heldThrough > this.position) {
          await this.handleHeld();
        } else if (!this.member) {
          this.member = this.options.tail.tryJoin(this);
          if (!this.member) await this.readBehindTail();
        } else {
          // Caught up: the position passed over since the last save is saved a while later, with the others'.
          this.options.lazy.mark(this, false);
          await this.idle();
        }
        failures = 0;
        this.failing = false;
      } catch (error) {
        if (error instanceof Stopping || this.stopping) return;
        failures += 1;
        this.markFailing();
        const delayMs = Math.min(5_000, 50 * 2 ** Math.min(failures, 7));
        this.log.warn({ err: error, delayMs }, 'consumer failed; trying again');
        await this.pause(delayMs).catch(() => {});
      }
    }
  }

  /** Behind the tail: reads the next batch itself. */
  private async readBehindTail(): Promise<void> {
    const batch = await this.options.store.readAll({ after: this.heldThrough, limit: this.options.batchSize });
    if (batch.length === 0) {
      // The tail has read further than the store now shows (another process's store?): look again shortly.
      await this.pause(50);
      return;
    }
    this.take(batch, batch.at(-1)!.position);
  }

  /** Handles everything held, as one batch; only then lets go of it. */
  private async handleHeld(): Promise<void> {
    const events = this.held.slice();
    const through = this.heldThrough;
    // The states its handlers read from the store's streams (calendars, policies) are those of when the batch began:
    // one probe of the store serves the batch (streamChangeProbe), not one a read.
    await runWithFreshnessSince(performance.now(), () => this.handleBatch(events, through));
    this.held.splice(0, events.length);
    this.position = Math.max(this.position, through);
    this.options.progressed?.();
    if (this.position - this.saved >= this.options.skippedCheckpointInterval) this.options.lazy.mark(this, true);
  }

  private async handleBatch(events: readonly RecordedEvent[], through: number): Promise<void> {
    const delivered: RecordedEvent[] = [];
    for (const event of events) {
      try {
        delivered.push({ ...event, ...upcast(event.type, event.schemaVersion, event.data) });
      } catch (error) {
        if (!isDeadLetter(error)) throw error;
        await this.deadLetter(event, error.message);
      }
    }
    // Nothing to handle: the checkpoint moves lazily.
    if (delivered.length === 0) return;
    const { consumer } = this;
    if (consumer.handleBatch) {
      try {
        await this.acknowledged(await consumer.handleBatch(delivered, this.options.checkpoints.saveWrite?.(this.name, through)), through);
        return;
      } catch (error) {
        if (this.stopping) throw new Stopping();
        // Nothing of the batch was stored: handle its events one by one, to retry or dead-letter the one at fault.
        if (!isDeadLetter(error)) {
          this.log.warn({ err: error, events: delivered.length }, 'batch failed; handling its events one by one');
          await this.pause(100);
        }
      }
    }
    // Independent events (Consumer.independentEvents) are handled together: their appends join one group commit.
    // Each is retried on its own; all have ended (handled, dead-lettered or stopped) before the batch is acknowledged.
    if (consumer.independentEvents && !consumer.handleBatch) {
      const outcomes = await Promise.allSettled(delivered.map((event) => this.deliver(event)));
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    } else {
      for (const event of delivered) await this.deliver(event);
    }
    await this.acknowledged(false, through);
  }

  /**
   * The checkpoint of a handled batch: saved with it (`withEffects`), else now, or else lazily (as over events passed
   * over) for a consumer without handleBatch: it is idempotent by source event (Consumer.handleBatch), so a crash
   * before the lazy save redelivers what it handled since and its effects are no-ops then. That is a statement a
   * write saved (issue 9: the bad-review processor wrote its checkpoint for every rating).
   */
  private async acknowledged(withEffects: boolean, through: number): Promise<void> {
    this.position = Math.max(this.position, through);
    this.options.progressed?.();
    if (withEffects) this.saved = Math.max(this.saved, through);
    else if (!this.consumer.handleBatch) this.options.lazy.mark(this, this.position - this.saved >= this.options.skippedCheckpointInterval);
    else {
      await this.options.checkpoints.save(this.name, through);
      this.saved = Math.max(this.saved, through);
    }
  }

  /** One event, retried with backoff until it is handled; a poison one is recorded as a dead letter and passed. */
  private async deliver(event: RecordedEvent): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      if (this.stopping) throw new Stopping();
      try {
        if (this.consumer.handleBatch) {
          await this.acknowledged(await this.consumer.handleBatch([event], this.options.checkpoints.saveWrite?.(this.name, event.position)), event.position);
        } else {
          await this.consumer.handle(event);
        }
        return;
      } catch (error) {
        if (isDeadLetter(error)) {
          await this.deadLetter(event, error.message);
          return;
        }
        const delayMs = Math.min(5_000, 50 * 2 ** Math.min(attempt, 7));
        this.markFailing();
        this.log.warn({ err: error, eventId: event.eventId, attempt, delayMs }, 'handler failed; retrying');
        await this.pause(delayMs);
      }
    }
  }

  private markFailing(): void {
    if (this.failing) return;
    this.failing = true;
    this.options.progressed?.();
  }

  private async deadLetter(event: RecordedEvent, reason: string): Promise<void> {
    this.log.error({ eventId: event.eventId, position: event.position, reason }, 'dead letter');
    await this.options.deadLetters.record(this.name, event, reason);
  }

  /** Waits, unless the consumer stops first. */
  private async pause(delayMs: number): Promise<void> {
    if (this.stopping) throw new Stopping();
    let interrupt: () => void = () => {};
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delayMs);
      interrupt = () => {
        clearTimeout(timer);
        resolve();
      };
      this.interrupts.add(interrupt);
    });
    this.interrupts.delete(interrupt);
    if (this.stopping) throw new Stopping();
  }
}
