import type { RecordedEvent } from '@ledger/events';
import type { EventStore, Subscription } from '@ledger/eventstore';
import type { Logger } from 'pino';

/** A consumer as the tail sees it: how far it has been handed the global order, and a way to hand it more. */
export interface TailMember {
  /** Every event up to this position has been handed to it (or read by it). */
  readonly through: number;
  /**
   * A batch the tail read: every event after the previous batch, up to `end`. Answers 'full' when the member
   * holds too much it has not handled yet: the tail lets go of it, and it reads for itself until it can join again.
   */
  offer(events: readonly RecordedEvent[], end: number): 'taken' | 'full';
}

/**
 * The one reader of the global order that every consumer of the embedded bus shares while it keeps up: each new
 * batch is read from the store once and handed to every member. A consumer behind the tail (new, or back from
 * retries) reads for itself and joins once it has reached the tail, so it neither holds the others up nor misses
 * anything. The tail starts at the head of the store: before that, every consumer is behind.
 */
export class SharedTail {
  private readonly store: EventStore;
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly members = new Set<TailMember>();
  private buffer: RecordedEvent[] = [];
  private subscription: Subscription | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  /** Every event up to here has been handed to the members of the moment. */
  through = 0;

  constructor(options: { store: EventStore; logger: Logger; batchSize: number }) {
    this.store = options.store;
    this.logger = options.logger;
    this.batchSize = options.batchSize;
  }

  async start(): Promise<void> {
    this.through = await this.store.headPosition();
    this.follow();
  }

  /**
   * Joins a member that has everything up to the tail's position; from then on the tail hands it every batch.
   * Synchronous, so that no batch can be handed out between the check and the join.
   */
  tryJoin(member: TailMember): boolean {
    if (this.closed || member.through < this.through) return false;
    this.members.add(member);
    return true;
  }

  leave(member: TailMember): void {
    this.members.delete(member);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.members.clear();
    await this.subscription?.stop();
  }

  private follow(): void {
    this.buffer = [];
    // The store's subscription reads a batch, hands its events over one by one, and says when it has caught up:
    // a full batch, or the end of what is recorded, is one batch for the members.
    const subscription = this.store.subscribe(
      {
        after: this.through,
        batchSize: this.batchSize,
        onCaughtUp: async () => {
          this.failures = 0;
          this.handOut();
        },
      },
      async (event) => {
        this.buffer.push(event);
        if (this.buffer.length >= this.batchSize) this.handOut();
      },
    );
    this.subscription = subscription;
    subscription.done.then(
      () => {},
      (error: unknown) => {
        if (this.closed) return;
        // Read again from where the members stand: nothing handed out is lost, nothing is handed out twice.
        this.failures += 1;
        const delayMs = Math.min(5_000, 50 * 2 ** Math.min(this.failures, 7));
        this.logger.warn({ err: error, delayMs }, 'shared reader failed; reading again');
        this.retryTimer = setTimeout(() => this.follow(), delayMs);
      },
    );
  }

  private handOut(): void {
    if (this.buffer.length === 0) return;
    const events = this.buffer;
    this.buffer = [];
    const end = events.at(-1)!.position;
    for (const member of this.members) {
      if (member.offer(events, end) === 'full') this.members.delete(member);
    }
    this.through = end;
  }
}
