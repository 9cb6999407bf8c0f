import { type RecordedEvent, serviceNames, serviceOf } from '@ledger/events';
import { type EventStore, type Subscription, type TraceCarrier, carrierOfContext, contextOfCarrier, isTracingOn, ledgerTracer } from '@ledger/eventstore';
import { type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { type Kafka, type Message, Partitioners, type Producer, type TopicMessages } from 'kafkajs';
import type { Logger } from 'pino';
import type { CheckpointStore } from '../port.ts';
import { encodeKafkaMessage } from './binding.ts';
import { ensureTopics, ledgerTopics } from './client.ts';

export interface KafkaRelayOptions {
  kafka: Kafka;
  store: EventStore;
  checkpoints: CheckpointStore;
  logger: Logger;
  /** Checkpoint name: one relay per name publishes the ledger. */
  name?: string;
  /** Prefix of every topic name (tests use a fresh one per run). */
  topicPrefix?: string;
  /** Most events in one produce request. */
  batchSize?: number;
  /** How long a partly filled batch waits for more events before it is sent. */
  lingerMs?: number;
  /** How often progress and lag are logged while events flow. */
  progressIntervalMs?: number;
  /** Longest pause between attempts to publish a batch Kafka refused. */
  maxRetryDelayMs?: number;
  /** How long `stop` waits for Kafka to acknowledge what was already read. */
  stopGraceMs?: number;
  /** Base of the absolute `dataschema` URIs (LEDGER_SCHEMA_BASE_URL). */
  schemaBaseUrl?: string;
}

export interface KafkaRelay {
  /** Resolves when the relay stopped; rejects when it stopped on an error it cannot get past. */
  readonly done: Promise<void>;
  /** The last position Kafka acknowledged (and the checkpoint holds). */
  publishedPosition(): number;
  /** Publishes what it already read, then stops; what Kafka did not acknowledge is published on restart. */
  stop(): Promise<void>;
}

class RelayStoppedError extends Error {
  constructor() {
    super('the relay stopped before Kafka acknowledged the batch');
    this.name = 'RelayStoppedError';
  }
}

/**
 * Publishes the event store to Kafka (ARCHITECTURE "Distribution"): tails the global order from its
 * checkpoint and sends each event to `ledger.<service of its type>`, in batches, with an idempotent producer
 * and acks from all replicas. The checkpoint moves only after Kafka acknowledged a batch, so a restart
 * resumes without loss; what was in flight at a crash is published again (consumers dedupe by event id).
 * Batches are sent one at a time, so each stream's events reach their partition in the ledger's order.
 */
export async function startKafkaRelay(options: KafkaRelayOptions): Promise<KafkaRelay> {
  const name = options.name ?? 'kafka-relay';
  const batchSize = options.batchSize ?? 500;
  const lingerMs = options.lingerMs ?? 20;
  const progressIntervalMs = options.progressIntervalMs ?? 10_000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
  const stopGraceMs = options.stopGraceMs ?? 5_000;
  const topics = ledgerTopics(options.topicPrefix);
  const log = options.logger.child({ component: 'kafka-relay', relay: name });

  await ensureTopics(options.kafka, serviceNames.map(topics.of));
  const producer: Producer = options.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();

  let published = await options.checkpoints.load(name);
  const head = await options.store.headPosition();
  log.info({ from: published, head, lag: Math.max(0, head - published) }, 'relay starting');

  let stopping = false;
  let pending: RecordedEvent[] = [];
  let sending: Promise<void> = Promise.resolve();
  let lingerTimer: NodeJS.Timeout | undefined;
  let wakeFromBackoff: (() => void) | undefined;
  let failure: ((error: unknown) => void) | undefined;
  const failed = new Promise<never>((_, reject) => (failure = reject));
  failed.catch(() => {});
  let sentSinceReport = 0;
  let lastReport = Date.now();

  const toTopicMessages = (batch: readonly RecordedEvent[], publishing: ReadonlyMap<RecordedEvent, TraceCarrier>): TopicMessages[] => {
    const byTopic = new Map<string, Message[]>();
    for (const event of batch) {
      const topic = topics.of(serviceOf(event.type));
      const traceContext = publishing.get(event);
      const message = encodeKafkaMessage(event, { ...(options.schemaBaseUrl ? { schemaBaseUrl: options.schemaBaseUrl } : {}), ...(traceContext ? { traceContext } : {}) });
      if (!byTopic.has(topic)) byTopic.set(topic, []);
      byTopic.get(topic)!.push(message);
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  };

  const send = async (batch: readonly RecordedEvent[]) => {
    // With tracing on, a publishing span per traced event, child of the append that recorded it; the message carries
    // the publishing span's context, so the consumer in another process continues the same trace.
    const spans = isTracingOn() ? publishingSpans(batch, topics.of) : undefined;
    const topicMessages = toTopicMessages(batch, spans?.carriers ?? new Map());
    for (let attempt = 1; ; attempt += 1) {
      try {
        await producer.sendBatch({ topicMessages, acks: -1 });
        spans?.end();
        return;
      } catch (error) {
        if (stopping) {
          spans?.end(error);
          throw new RelayStoppedError();
        }
        const delayMs = Math.min(maxRetryDelayMs, 100 * 2 ** Math.min(attempt, 10));
        log.error({ err: error, attempt, delayMs, firstPosition: batch[0]!.position }, 'Kafka refused a batch; retrying');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          wakeFromBackoff = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (stopping) throw new RelayStoppedError();
      }
    }
  };

  const reportProgress = async (force: boolean) => {
    if (!force && Date.now() - lastReport < progressIntervalMs) return;
    const currentHead = await options.store.headPosition();
    const seconds = (Date.now() - lastReport) / 1000;
    log.info(
      { published, head: currentHead, lag: Math.max(0, currentHead - published), sent: sentSinceReport, perSecond: Math.round(sentSinceReport / Math.max(seconds, 0.001)) },
      'relay progress',
    );
    sentSinceReport = 0;
    lastReport = Date.now();
  };

  /** Sends what is pending after the batches already on their way; one batch in flight at a time. */
  const flush = (): Promise<void> => {
    clearTimeout(lingerTimer);
    lingerTimer = undefined;
    sending = sending.then(async () => {
      while (pending.length > 0) {
        const batch = pending.slice(0, batchSize);
        pending = pending.slice(batch.length);
        await send(batch);
        const last = batch[batch.length - 1]!.position;
        await options.checkpoints.save(name, last);
        published = last;
        sentSinceReport += batch.length;
        log.debug({ count: batch.length, published }, 'batch acknowledged');
        await reportProgress(false);
      }
    });
    return sending;
  };

  const flushInBackground = () => {
    flush().catch((error: unknown) => failure!(error));
  };

  const subscription: Subscription = options.store.subscribe({ after: published, batchSize }, async (event) => {
    pending.push(event);
    if (pending.length >= batchSize) {
      // Backpressure: the store is read no faster than Kafka acknowledges.
      await Promise.race([flush(), failed]);
    } else if (lingerTimer === undefined) {
      lingerTimer = setTimeout(flushInBackground, lingerMs);
    }
  });

  const done = Promise.race([subscription.done, failed]).then(
    () => {},
    (error: unknown) => {
      if (stopping && error instanceof RelayStoppedError) return;
      log.error({ err: error, published }, 'relay stopped on an error');
      void subscription.stop();
      throw error;
    },
  );
  done.catch(() => {});

  let stopped: Promise<void> | undefined;
  return {
    done,
    publishedPosition: () => published,
    stop() {
      stopped ??= (async () => {
        // No new events from here; the handler already running may be waiting for a batch to be acknowledged.
        const subscriptionStopped = subscription.stop();
        // Publish what was read; if Kafka cannot take it in time, the checkpoint says where to resume.
        const drained = subscriptionStopped.then(flush).catch(() => {});
        await Promise.race([drained, new Promise<void>((resolve) => setTimeout(resolve, stopGraceMs).unref())]);
        stopping = true;
        wakeFromBackoff?.();
        await producer.disconnect();
        await Promise.all([drained, subscriptionStopped]);
        await reportProgress(true).catch(() => {});
        log.info({ published }, 'relay stopped');
      })();
      return stopped;
    },
  };
}

/** One PRODUCER span per event that carries a trace context, each with the context to send in its message. */
function publishingSpans(batch: readonly RecordedEvent[], topicOf: (service: ReturnType<typeof serviceOf>) => string): { carriers: Map<RecordedEvent, TraceCarrier>; end(error?: unknown): void } {
  const carriers = new Map<RecordedEvent, TraceCarrier>();
  const spans: Span[] = [];
  for (const event of batch) {
    if (!event.metadata.traceparent) continue;
    const topic = topicOf(serviceOf(event.type));
    const span = ledgerTracer().startSpan(
      `send ${topic}`,
      { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.message.id': event.eventId, 'ledger.position': event.position } },
      contextOfCarrier(event.metadata),
    );
    spans.push(span);
    carriers.set(event, carrierOfContext(span));
  }
  return {
    carriers,
    end(error) {
      for (const span of spans) {
        if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        span.end();
      }
    },
  };
}
