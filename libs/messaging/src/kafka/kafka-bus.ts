import { type RecordedEvent, handledEventTypes, serviceOf } from '@ledger/events';
import { type Consumer as KafkaConsumer, type EachBatchPayload, type Kafka, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { type Bus, type Consumer, type ConsumerHandle, PoisonMessageError } from '../port.ts';
import { InvalidKafkaMessageError, decodeKafkaMessage } from './binding.ts';
import { ensureTopics, ledgerTopics } from './client.ts';

export interface KafkaBusOptions {
  kafka: Kafka;
  logger: Logger;
  /** Prefix of topic names and consumer group ids (tests use a fresh one per run). */
  topicPrefix?: string;
  /** First and longest pause between attempts at a message whose handler failed. */
  retryDelayMs?: { initial: number; max: number };
  /** Kafka consumer session timeout: a member silent this long is dropped from its group. */
  sessionTimeoutMs?: number;
  /** At most this many events in one unit of work of a consumer that handles batches (default 500). */
  maxBatchEvents?: number;
}

/** Headers a dead letter carries beside the original message's own. */
export const deadLetterHeaders = {
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  reason: 'dlq-reason',
  consumer: 'dlq-consumer-group',
  at: 'dlq-at',
} as const;

class ConsumerStoppingError extends Error {
  constructor() {
    super('the consumer is stopping');
    this.name = 'ConsumerStoppingError';
  }
}

const isPoison = (error: unknown): error is Error =>
  error instanceof PoisonMessageError || (error instanceof Error && error.name === 'InvalidEventError');

/**
 * The Bus on Kafka: one consumer group per Consumer name, subscribed to the topics of its services,
 * starting from the earliest offset when the group is new. Each message is decoded and validated; one that
 * fails, or whose handler throws PoisonMessageError, goes to `<topic>.dlq` with the reason, and the consumer
 * carries on. Any other handler error is retried with backoff, never skipped. Messages of types the consumer
 * does not handle are passed over; a fetched batch of those it handles goes to `handleBatch` as one unit of
 * work (a projection's writes stored together) and is committed with one offset commit; a unit that fails is
 * handled again message by message. An offset is committed only after its handler resolved, so delivery is at
 * least once: duplicates are the handler's business.
 */
export class KafkaBus implements Bus {
  private readonly options: KafkaBusOptions;
  private readonly topics: ReturnType<typeof ledgerTopics>;
  private readonly running = new Set<ConsumerHandle>();
  private deadLetterProducer: Promise<Producer> | undefined;

  constructor(options: KafkaBusOptions) {
    this.options = options;
    this.topics = ledgerTopics(options.topicPrefix);
  }

  async start(consumer: Consumer): Promise<ConsumerHandle> {
    const { kafka } = this.options;
    const groupId = `${this.options.topicPrefix ?? ''}${consumer.name}`;
    if (consumer.services.length === 0) throw new Error(`consumer ${consumer.name} names no services to read`);
    const topics = consumer.services.map(this.topics.of);
    const types = handledEventTypes(consumer.services, consumer.eventTypes);
    const maxBatchEvents = this.options.maxBatchEvents ?? 500;
    const log = this.options.logger.child({ component: 'kafka-bus', consumer: consumer.name, groupId });
    const retryDelay = this.options.retryDelayMs ?? { initial: 100, max: 5_000 };
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;

    await ensureTopics(kafka, [...topics, ...topics.map(this.topics.deadLetterOf)]);
    const deadLetters = await this.producer();
    const kafkaConsumer: KafkaConsumer = kafka.consumer({
      groupId,
      sessionTimeout,
      heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
      allowAutoTopicCreation: false,
      // The longest a fetch waits for new messages; `stop` waits for the fetch in flight, so keep it short.
      maxWaitTimeInMs: 1_000,
    });

    let stopping = false;
    let wakeFromBackoff: (() => void) | undefined;
    let crashed: ((error: unknown) => void) | undefined;
    const crash = new Promise<void>((_, reject) => (crashed = reject));
    kafkaConsumer.on(kafkaConsumer.events.CRASH, ({ payload }) => {
      log.error({ err: payload.error, restart: payload.restart }, payload.restart ? 'consumer crashed; kafkajs restarts it' : 'consumer crashed');
      if (!payload.restart && !stopping) crashed?.(payload.error);
    });

    const pause = (delayMs: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        wakeFromBackoff = () => {
          clearTimeout(timer);
          resolve();
        };
      });

    const deadLetter = async (topic: string, partition: number, message: KafkaMessage, reason: string, heartbeat: () => Promise<void>) => {
      log.error({ topic, partition, offset: message.offset, reason }, 'dead letter');
      const headers = {
        ...message.headers,
        [deadLetterHeaders.topic]: topic,
        [deadLetterHeaders.partition]: String(partition),
        [deadLetterHeaders.offset]: message.offset,
        [deadLetterHeaders.reason]: reason,
        [deadLetterHeaders.consumer]: groupId,
        [deadLetterHeaders.at]: new Date().toISOString(),
      };
      for (let attempt = 1; ; attempt += 1) {
        if (stopping) throw new ConsumerStoppingError();
        try {
          await deadLetters.send({ topic: this.topics.deadLetterOf(topic), acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
          return;
        } catch (error) {
          const delayMs = Math.min(retryDelay.max, retryDelay.initial * 2 ** Math.min(attempt, 10));
          log.warn({ err: error, attempt, delayMs }, 'could not write the dead letter; retrying');
          await pause(delayMs);
          await heartbeat();
        }
      }
    };

    /** The event a message carries, or why it is a dead letter (malformed, or not on its service's topic). */
    const decoded = (topic: string, message: KafkaMessage): { event: RecordedEvent } | { deadLetter: string } => {
      let event: RecordedEvent;
      try {
        event = decodeKafkaMessage(message);
      } catch (error) {
        if (!(error instanceof InvalidKafkaMessageError)) throw error;
        return { deadLetter: error.message };
      }
      // A well-formed event on another service's topic was not published by the relay: consumers of both
      // topics would see it, and those of its own topic never would.
      const ownTopic = this.topics.of(serviceOf(event.type));
      if (ownTopic !== topic) return { deadLetter: `${event.type} belongs on ${ownTopic}, not on ${topic}` };
      return { event };
    };

    /** Resolves once the event is handled or dead-lettered; throws ConsumerStoppingError if stopped first. */
    const handleOne = async (topic: string, partition: number, message: KafkaMessage, event: RecordedEvent, heartbeat: () => Promise<void>): Promise<'handled' | 'dead-lettered'> => {
      for (let attempt = 1; ; attempt += 1) {
        if (stopping) throw new ConsumerStoppingError();
        try {
          if (consumer.handleBatch) await consumer.handleBatch([event]);
          else await consumer.handle(event);
          return 'handled';
        } catch (error) {
          if (isPoison(error)) {
            await deadLetter(topic, partition, message, error.message, heartbeat);
            return 'dead-lettered';
          }
          const delayMs = Math.min(retryDelay.max, retryDelay.initial * 2 ** Math.min(attempt - 1, 10));
          log.warn({ err: error, eventId: event.eventId, topic, partition, offset: message.offset, attempt, delayMs }, 'handler failed; retrying');
          await pause(delayMs);
          // Keeps the group membership through long retries (heartbeats are sent only when due).
          await heartbeat();
        }
      }
    };

    const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: EachBatchPayload) => {
      const { topic, partition } = batch;
      const commit = (offset: string) =>
        commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: (BigInt(offset) + 1n).toString() }] }] });
      const running = () => !stopping && isRunning() && !isStale();
      /** Events of the consumer's types not handled yet, in order, and the last offset passed. */
      let pending: Array<{ message: KafkaMessage; event: RecordedEvent }> = [];
      let passed: string | undefined;

      /** Handles the pending events as units of work (one by one after a unit fails), then resolves up to `passed`. */
      const handlePending = async () => {
        for (let start = 0; start < pending.length; start += maxBatchEvents) {
          const unit = pending.slice(start, start + maxBatchEvents);
          if (consumer.handleBatch) {
            try {
              await consumer.handleBatch(unit.map(({ event }) => event));
              resolveOffset(unit.at(-1)!.message.offset);
              await heartbeat();
              continue;
            } catch (error) {
              if (stopping) throw new ConsumerStoppingError();
              // Nothing of the unit was stored: its events one by one, to retry or dead-letter the one at fault.
              if (!isPoison(error)) {
                log.warn({ err: error, topic, partition, events: unit.length }, 'batch failed; handling its events one by one');
                await pause(retryDelay.initial);
              }
            }
          }
          for (const { message, event } of unit) {
            const outcome = await handleOne(topic, partition, message, event, heartbeat);
            resolveOffset(message.offset);
            // A dead letter is committed at once, so that a restart does not write it again.
            if (outcome === 'dead-lettered') await commit(message.offset);
          }
          await heartbeat();
        }
        pending = [];
        if (passed !== undefined) resolveOffset(passed);
      };

      try {
        for (const message of batch.messages) {
          if (!running()) break;
          const outcome = decoded(topic, message);
          if ('deadLetter' in outcome) {
            await handlePending();
            await deadLetter(topic, partition, message, outcome.deadLetter, heartbeat);
            resolveOffset(message.offset);
            await commit(message.offset);
            passed = undefined;
            continue;
          }
          // Another type of the topic: passed over, acknowledged with the batch.
          if (types.has(outcome.event.type)) pending.push({ message, event: outcome.event });
          passed = message.offset;
        }
        // Stopping, or the partition was moved: what was not handled is the next member's.
        if (!running()) return;
        await handlePending();
      } catch (error) {
        // Not resolved, so neither committed: the next member of the group gets these messages again.
        if (error instanceof ConsumerStoppingError) return;
        throw error;
      }
      // One offset commit for the batch.
      if (passed !== undefined) await commit(passed);
      await heartbeat();
    };

    await kafkaConsumer.connect();
    await kafkaConsumer.subscribe({ topics, fromBeginning: true });
    await kafkaConsumer.run({
      // Each batch commits its own offset once handled; kafkajs commits what else was resolved (handled before a
      // stop or a rebalance cut a batch short). Offsets are resolved only after their handler resolved.
      autoCommit: true,
      autoCommitInterval: 1_000,
      autoCommitThreshold: 100,
      eachBatchAutoResolve: false,
      eachBatch,
    });
    log.info({ topics }, 'consumer started');

    let stopped: Promise<void> | undefined;
    let resolveDone: (() => void) | undefined;
    const done = Promise.race([new Promise<void>((resolve) => (resolveDone = resolve)), crash]);
    done.catch(() => {});
    const handle: ConsumerHandle = {
      done,
      stop: () => {
        stopped ??= (async () => {
          stopping = true;
          wakeFromBackoff?.();
          // Waits for the batch in hand to return and commits what was resolved.
          await kafkaConsumer.disconnect();
          this.running.delete(handle);
          log.info('consumer stopped');
          resolveDone?.();
        })();
        return stopped;
      },
    };
    this.running.add(handle);
    return handle;
  }

  async close(): Promise<void> {
    await Promise.all([...this.running].map((handle) => handle.stop()));
    const producer = this.deadLetterProducer;
    this.deadLetterProducer = undefined;
    if (producer) await (await producer).disconnect();
  }

  private producer(): Promise<Producer> {
    this.deadLetterProducer ??= (async () => {
      const producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      return producer;
    })();
    return this.deadLetterProducer;
  }
}
