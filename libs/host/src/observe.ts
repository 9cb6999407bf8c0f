import type { EventStore } from '@ledger/eventstore';
import type { Bus, Consumer, ConsumerHandle } from '@ledger/messaging';
import { Counter, Gauge, type MetricsRegistry, type ReadinessCheck, check } from '@ledger/platform';

/** What a host can tell about the parts beyond its modules, for `/metrics` (each optional). */
export interface ObservedSources {
  /** Dead letters recorded so far (all consumers). */
  deadLetters?(): Promise<number>;
  /** The Merkle log: its size and when its latest checkpoint was signed. */
  merkleLog?(): Promise<{ size: number; checkpointIssuedAt?: string }>;
  /** How far the relay has published the ledger to Kafka. */
  relayPosition?(): Promise<number>;
}

export interface ConsumerWatchOptions {
  /** A consumer behind the head whose position has not moved for this long is stuck (default 60 s). */
  stuckAfterMs?: number;
  now?: () => number;
}

interface Watched {
  consumer: Consumer;
  handle?: ConsumerHandle;
  /** Set when the consumer stopped: how (an error, or a stop). */
  stopped?: string;
  position: number;
  movedAt: number;
}

/**
 * Watches the consumers a host runs: the bus it hands out starts consumers as the inner bus does and records
 * whether each still runs; positions come from `position` (the bus's own, by consumer). `/readyz` and `/metrics` read it.
 */
export class ConsumerWatch {
  readonly bus: Bus;
  private readonly watched = new Map<string, Watched>();
  private readonly stuckAfterMs: number;
  private readonly now: () => number;
  private readonly store: EventStore;
  private readonly position: (consumer: Consumer) => Promise<number>;

  constructor(inner: Bus, store: EventStore, position: (consumer: Consumer) => Promise<number>, options: ConsumerWatchOptions = {}) {
    this.store = store;
    this.position = position;
    this.stuckAfterMs = options.stuckAfterMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.bus = {
      start: async (consumer) => {
        const handle = await inner.start(consumer);
        const entry: Watched = { consumer, handle, position: this.watched.get(consumer.name)?.position ?? -1, movedAt: this.now() };
        this.watched.set(consumer.name, entry);
        handle.done.then(
          () => {
            if (entry.handle === handle) entry.stopped = 'stopped';
          },
          (error: unknown) => {
            if (entry.handle === handle) entry.stopped = `stopped on an error: ${error instanceof Error ? error.message : String(error)}`;
          },
        );
        return handle;
      },
      close: () => inner.close(),
    };
  }

  /** The names of the consumers started through this watch. */
  names(): string[] {
    return [...this.watched.keys()];
  }

  /** Stops a consumer (tests hold one back this way; operators see it at /readyz). */
  async stop(name: string): Promise<void> {
    await this.watched.get(name)?.handle?.stop();
  }

  /** Starts a stopped consumer again. */
  async resume(name: string): Promise<void> {
    const entry = this.watched.get(name);
    if (!entry?.stopped) return;
    await this.bus.start(entry.consumer);
  }

  /** The global position of the latest event in the ledger. */
  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  /** Each consumer's position and lag behind the head, with its state. */
  async survey(): Promise<{ head: number; consumers: Array<{ name: string; position: number; lag: number; problem?: string }> }> {
    const head = await this.store.headPosition();
    const now = this.now();
    const consumers = await Promise.all(
      [...this.watched.entries()].map(async ([name, entry]) => {
        const position = await this.position(entry.consumer);
        if (position !== entry.position || position >= head) {
          entry.position = position;
          entry.movedAt = now;
        }
        const lag = Math.max(0, head - position);
        const problem = entry.stopped ?? (lag > 0 && now - entry.movedAt >= this.stuckAfterMs ? `stuck at position ${position} of ${head} for ${Math.round((now - entry.movedAt) / 1_000)} s` : undefined);
        return { name, position, lag, ...(problem ? { problem } : {}) };
      }),
    );
    return { head, consumers };
  }

  /** The readiness checks: the store answers, and no consumer is stopped or stuck. */
  async readiness(): Promise<ReadinessCheck[]> {
    const store = await check('store', async () => {
      await this.store.headPosition();
    });
    if (!store.ok) return [store];
    const survey = await this.survey();
    const failing = survey.consumers.filter((consumer) => consumer.problem);
    return [
      store,
      {
        name: 'consumers',
        ok: failing.length === 0,
        ...(failing.length > 0 ? { detail: failing.map((consumer) => `${consumer.name} ${consumer.problem}`).join('; ') } : {}),
      },
    ];
  }
}

/** The ledger's own metrics, read at each scrape (Prometheus text at /metrics). */
export function registerLedgerMetrics(registry: MetricsRegistry, watch: ConsumerWatch, sources: ObservedSources = {}): void {
  new Gauge({
    name: 'ledger_consumer_lag_events',
    help: 'Events recorded in the ledger that a consumer has not handled yet',
    labelNames: ['consumer'],
    registers: [registry],
    async collect() {
      const survey = await watch.survey();
      for (const consumer of survey.consumers) this.set({ consumer: consumer.name }, consumer.lag);
    },
  });
  new Gauge({
    name: 'ledger_consumer_up',
    help: '1 while a consumer runs and moves, 0 when it is stopped or stuck',
    labelNames: ['consumer'],
    registers: [registry],
    async collect() {
      const survey = await watch.survey();
      for (const consumer of survey.consumers) this.set({ consumer: consumer.name }, consumer.problem ? 0 : 1);
    },
  });
  new Gauge({
    name: 'ledger_store_head_position',
    help: 'Global position of the latest event in the ledger',
    registers: [registry],
    async collect() {
      this.set((await watch.survey()).head);
    },
  });
  if (sources.deadLetters) {
    const deadLetters = sources.deadLetters;
    new Gauge({
      name: 'ledger_dead_letters',
      help: 'Events recorded as dead letters (they failed validation and were passed over)',
      registers: [registry],
      async collect() {
        this.set(await deadLetters());
      },
    });
  }
  if (sources.relayPosition) {
    const relayPosition = sources.relayPosition;
    new Gauge({
      name: 'ledger_relay_position',
      help: 'Global position up to which the relay has published the ledger to Kafka',
      registers: [registry],
      async collect() {
        this.set(await relayPosition());
      },
    });
    new Gauge({
      name: 'ledger_relay_lag_events',
      help: 'Events recorded in the ledger that the relay has not yet published to Kafka',
      registers: [registry],
      async collect() {
        const [head, position] = await Promise.all([watch.headPosition(), relayPosition()]);
        this.set(Math.max(0, head - position));
      },
    });
  }
  if (sources.merkleLog) {
    const merkleLog = sources.merkleLog;
    let latest: Promise<{ size: number; checkpointIssuedAt?: string }> | undefined;
    // Both gauges read one answer per scrape.
    const read = () => (latest ??= merkleLog().finally(() => setTimeout(() => (latest = undefined), 0)));
    new Gauge({
      name: 'ledger_merkle_log_size',
      help: 'Leaves in the Merkle log (events it has taken in)',
      registers: [registry],
      async collect() {
        this.set((await read()).size);
      },
    });
    new Gauge({
      name: 'ledger_checkpoint_age_seconds',
      help: 'Seconds since the latest checkpoint was signed (absent before the first)',
      registers: [registry],
      async collect() {
        const { checkpointIssuedAt } = await read();
        if (checkpointIssuedAt) this.set((Date.now() - Date.parse(checkpointIssuedAt)) / 1_000);
      },
    });
  }
}

/** Counts the events a store appends, by type: the store handed to the modules (the caller keeps the original). */
export function countingStore<Store extends EventStore>(store: Store, registry: MetricsRegistry): Store {
  const appended = new Counter({
    name: 'ledger_events_appended_total',
    help: 'Events appended by this process, by event type (idempotent repeats not counted)',
    labelNames: ['type'],
    registers: [registry],
  });
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append') {
        const append: EventStore['append'] = async (streamId, events, expected) => {
          const result = await target.append(streamId, events, expected);
          if (!result.alreadyStored) for (const event of events) appended.inc({ type: event.type });
          return result;
        };
        return append;
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
