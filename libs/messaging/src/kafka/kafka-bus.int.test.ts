import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@ledger/events';
import { createLogger } from '@ledger/platform';
import { findEngine, waitUntil } from '@ledger/testing';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Consumer, PoisonMessageError } from '../port.ts';
import { encodeKafkaMessage, type KafkaEventMessage } from './binding.ts';
import { createKafka, ensureTopics, ledgerTopics } from './client.ts';
import { KafkaBus, deadLetterHeaders } from './kafka-bus.ts';
import { deleteTopicsWithPrefix, readTopicsToEnd, topicMessageCount } from './topic-reader.ts';

const kafkaEngine = await findEngine('kafka');
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

let position = 0;
/** A recorded event as the relay would publish it (the bus needs no event store). */
const rating = (streamId: string, streamVersion: number, level = 4): RecordedEvent => {
  position += 1;
  return {
    position,
    eventId: randomUUID(),
    streamId,
    streamVersion,
    type: 'RatingGiven',
    schemaVersion: 1,
    data: { transactionId: `${streamId}-${streamVersion}`, departmentId: 'd-1', platform: 'hotline-12345', level, ratedAt: '2026-05-01T10:00:00.000Z' },
    metadata: {},
    occurredAt: '2026-05-01T10:00:00.000Z',
    recordedAt: '2026-05-01T10:00:01.000Z',
  };
};

const prefixes: string[] = [];
const freshPrefix = () => {
  const prefix = `t-${randomUUID().slice(0, 8)}.`;
  prefixes.push(prefix);
  return prefix;
};

/** A consumer that records what it was given, optionally slowly. */
const recorder = (name: string, handled: RecordedEvent[], delayMs = 0): Consumer => ({
  name,
  services: ['evaluations'],
  async handle(event) {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    handled.push(event);
  },
});

const withHeaders = (message: KafkaEventMessage, change: (headers: Record<string, string>) => void) => {
  const headers = { ...message.headers };
  change(headers);
  return { ...message, headers };
};

describe.skipIf(!kafkaEngine.available)('the Kafka bus', () => {
  let kafka: Kafka;
  let producer: Producer;
  beforeAll(async () => {
    kafka = createKafka({ brokers: kafkaEngine.available ? kafkaEngine.url : '', logger });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });
  afterAll(async () => {
    // The broker outlives the run: leave no topics behind.
    for (const prefix of prefixes) await deleteTopicsWithPrefix(kafka, prefix);
    await producer?.disconnect();
  });

  const publish = async (topic: string, messages: KafkaEventMessage[]) => {
    await ensureTopics(kafka, [topic]);
    return producer.send({ topic, acks: -1, messages });
  };

  it('delivers every event at least once, and a consumer restarted in the middle resumes where it was', async () => {
    const prefix = freshPrefix();
    const topic = ledgerTopics(prefix).of('evaluations');
    const streams = Array.from({ length: 6 }, (_, index) => `rating-stream-${index}`);
    const events = streams.flatMap((streamId) => Array.from({ length: 10 }, (_, version) => rating(streamId, version)));
    await publish(topic, events.map((event) => encodeKafkaMessage(event)));

    const firstRun: RecordedEvent[] = [];
    const bus = new KafkaBus({ kafka, logger, topicPrefix: prefix });
    const first = await bus.start(recorder('restarted', firstRun, 15));
    await waitUntil(() => firstRun.length >= 20, 30_000);
    await first.stop();
    await expect(first.done).resolves.toBeUndefined();
    expect(firstRun.length).toBeLessThan(events.length);

    const secondRun: RecordedEvent[] = [];
    await bus.start(recorder('restarted', secondRun));
    await waitUntil(() => new Set([...firstRun, ...secondRun].map((event) => event.eventId)).size === events.length, 30_000);
    await bus.close();

    for (const streamId of streams) {
      const before = firstRun.filter((event) => event.streamId === streamId).map((event) => event.streamVersion);
      const after = secondRun.filter((event) => event.streamId === streamId).map((event) => event.streamVersion);
      // Each run sees a stream in order; the second starts at most where the first stopped (no gap), and
      // any overlap is the first run's last events: duplicates only around the restart.
      expect(before).toEqual(before.map((_, index) => index));
      const resumedAt = after[0] ?? before.length;
      expect(resumedAt).toBeLessThanOrEqual(before.length);
      expect(after).toEqual(Array.from({ length: 10 - resumedAt }, (_, index) => resumedAt + index));
    }
  });

  it('retries a handler that fails, without skipping the event or passing it by', async () => {
    const prefix = freshPrefix();
    const topic = ledgerTopics(prefix).of('evaluations');
    const events = [0, 1, 2].map((version) => rating('rating-retry', version));
    await publish(topic, events.map((event) => encodeKafkaMessage(event)));
    let failuresLeft = 3;
    const handled: number[] = [];
    const bus = new KafkaBus({ kafka, logger, topicPrefix: prefix, retryDelayMs: { initial: 20, max: 100 } });
    await bus.start({
      name: 'retrying',
      services: ['evaluations'],
      async handle(event) {
        if (event.streamVersion === 1 && failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('read store briefly unavailable');
        }
        handled.push(event.streamVersion);
      },
    });
    await waitUntil(() => handled.length === 3, 30_000);
    await bus.close();
    expect(failuresLeft).toBe(0);
    expect(handled).toEqual([0, 1, 2]);
    expect(await topicMessageCount(kafka, [`${topic}.dlq`])).toBe(0);
  });

  it('sends each malformed message and each poison event to the dead-letter topic once, with the reason, and carries on', async () => {
    const prefix = freshPrefix();
    const topic = ledgerTopics(prefix).of('evaluations');
    const streamId = 'rating-corpus';
    const valid = (version: number, level = 4) => encodeKafkaMessage(rating(streamId, version, level));
    // One key for all: one partition, so "after them" is well defined.
    const corpus: Array<{ label: string; message: KafkaEventMessage; reason: RegExp }> = [
      { label: 'not JSON', message: { ...valid(1), value: '{"transactionId":' }, reason: /value is not JSON/ },
      { label: 'missing ce_type', message: withHeaders(valid(1), (headers) => delete headers.ce_type), reason: /missing header ce_type/ },
      {
        label: 'unknown type',
        message: withHeaders(valid(1), (headers) => (headers.ce_type = 'org.accountability-ledger.evaluations.RatingRevoked.v1')),
        reason: /unknown event type RatingRevoked/,
      },
      { label: 'data failing its schema', message: valid(1, 11), reason: /invalid RatingGiven: level/ },
      { label: 'wrong specversion', message: withHeaders(valid(1), (headers) => (headers.ce_specversion = '0.3')), reason: /ce_specversion must be 1\.0/ },
    ];
    const poisonEvent = rating(streamId, 2);
    const sequence = [valid(0), ...corpus.map((entry) => entry.message), encodeKafkaMessage(poisonEvent), valid(3), valid(4)];
    const produced = await publish(topic, sequence);
    const baseOffset = Number(produced[0]!.baseOffset);

    const handled: RecordedEvent[] = [];
    const bus = new KafkaBus({ kafka, logger, topicPrefix: prefix });
    await bus.start({
      name: 'corpus',
      services: ['evaluations'],
      async handle(event) {
        if (event.eventId === poisonEvent.eventId) throw new PoisonMessageError('names a department the registry never had');
        handled.push(event);
      },
    });
    await waitUntil(() => handled.length === 3, 30_000);
    const deadLetterTopic = `${topic}.dlq`;
    await waitUntil(async () => (await topicMessageCount(kafka, [deadLetterTopic])) >= corpus.length + 1, 30_000);
    await bus.close();

    expect(handled.map((event) => event.streamVersion)).toEqual([0, 3, 4]);
    const deadLetters = await readTopicsToEnd(kafka, [deadLetterTopic]);
    expect(deadLetters).toHaveLength(corpus.length + 1);
    const expectations = [...corpus.map((entry) => entry.reason), /names a department the registry never had/];
    deadLetters.forEach((letter, index) => {
      const original = sequence[index + 1]!;
      expect(letter.headers[deadLetterHeaders.topic]).toBe(topic);
      expect(letter.headers[deadLetterHeaders.partition]).toBe(String(produced[0]!.partition));
      expect(letter.headers[deadLetterHeaders.offset]).toBe(String(baseOffset + index + 1));
      expect(letter.headers[deadLetterHeaders.reason]).toMatch(expectations[index]!);
      expect(letter.headers[deadLetterHeaders.consumer]).toBe(`${prefix}corpus`);
      expect(letter.value).toBe(original.value);
      expect(letter.key).toBe(streamId);
    });
  });
});
