import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@ledger/events';
import { createLogger } from '@ledger/platform';
import { type Projection, projectionConsumer, sqlReadStore } from '@ledger/readstore';
import { type SqlClient, openPglite } from '@ledger/sql';
import { findEngine, waitUntil } from '@ledger/testing';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeKafkaMessage } from './binding.ts';
import { createKafka, ensureTopics, ledgerTopics } from './client.ts';
import { KafkaBus } from './kafka-bus.ts';
import { deleteTopicsWithPrefix } from './topic-reader.ts';

const kafkaEngine = await findEngine('kafka');
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

let position = 0;
const event = (type: 'RatingGiven' | 'SurveyScored', streamId: string, streamVersion: number): RecordedEvent => {
  position += 1;
  const data =
    type === 'RatingGiven'
      ? { transactionId: `${streamId}-${streamVersion}`, departmentId: 'd-1', platform: 'hotline-12345', level: 4, ratedAt: '2026-05-01T10:00:00.000Z' }
      : { departmentId: 'd-1', year: 2026, score: 40 + (streamVersion % 60), at: '2026-05-01T10:00:00.000Z' };
  return {
    position,
    eventId: randomUUID(),
    streamId,
    streamVersion,
    type,
    schemaVersion: 1,
    data,
    metadata: {},
    occurredAt: '2026-05-01T10:00:00.000Z',
    recordedAt: '2026-05-01T10:00:01.000Z',
  };
};

/** A Kafka client of its own whose consumers count every offset commit they make. */
function countingCommits(brokers: string): { kafka: Kafka; commits: () => number } {
  let commits = 0;
  const kafka = createKafka({ brokers, logger });
  const consumerOf = kafka.consumer.bind(kafka);
  kafka.consumer = (config) => {
    const consumer = consumerOf(config);
    consumer.on(consumer.events.COMMIT_OFFSETS, () => void (commits += 1));
    return consumer;
  };
  return { kafka, commits: () => commits };
}

describe.skipIf(!kafkaEngine.available)('the Kafka bus in batches', () => {
  let kafka: Kafka;
  let producer: Producer;
  let sql: SqlClient;
  const prefixes: string[] = [];
  const freshPrefix = () => {
    const prefix = `t-${randomUUID().slice(0, 8)}.`;
    prefixes.push(prefix);
    return prefix;
  };
  beforeAll(async () => {
    kafka = createKafka({ brokers: kafkaEngine.available ? kafkaEngine.url : '', logger });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    sql = await openPglite();
  });
  afterAll(async () => {
    for (const prefix of prefixes) await deleteTopicsWithPrefix(kafka, prefix);
    await producer?.disconnect();
    await sql?.close();
  });

  const publish = async (topic: string, events: RecordedEvent[]) => {
    await ensureTopics(kafka, [topic]);
    await producer.send({ topic, acks: -1, messages: events.map((event) => encodeKafkaMessage(event)) });
  };

  it('hands a consumer the events of its types in batches, commits each batch once, and passes the rest over', async () => {
    const prefix = freshPrefix();
    const topic = ledgerTopics(prefix).of('evaluations');
    // One stream: one partition, so the whole topic is fetched in few batches.
    const events = Array.from({ length: 60 }, (_, version) => event(version % 3 === 0 ? 'SurveyScored' : 'RatingGiven', 'evaluation-d-1-2026', version));
    await publish(topic, events);
    const batches: string[][] = [];
    const counting = countingCommits(kafkaEngine.available ? kafkaEngine.url : '');
    const bus = new KafkaBus({ kafka: counting.kafka, logger, topicPrefix: prefix });
    await bus.start({
      name: 'surveys',
      services: ['evaluations'],
      eventTypes: ['SurveyScored'],
      handle: () => Promise.reject(new Error('batches only')),
      async handleBatch(batch) {
        batches.push(batch.map((each) => each.type));
        return false;
      },
    });
    await waitUntil(() => batches.flat().length === 20, 30_000);
    const admin = kafka.admin();
    await admin.connect();
    try {
      // The offsets reach the end of the topic, over the ratings passed by too.
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, high]));
      expect([...ends.values()].toSorted()).toEqual(['0', '0', '60']);
      await waitUntil(async () => {
        const [committed] = await admin.fetchOffsets({ groupId: `${prefix}surveys`, topics: [topic] });
        return committed!.partitions.every(({ partition, offset }) => offset === ends.get(partition) || (offset === '-1' && ends.get(partition) === '0'));
      }, 30_000);
    } finally {
      await admin.disconnect();
    }
    await bus.close();
    expect(new Set(batches.flat())).toEqual(new Set(['SurveyScored']));
    expect(batches.length).toBeLessThan(20);
    expect(counting.commits()).toBeLessThanOrEqual(batches.length + 1);
  });

  it('stores nothing of a batch that fails, handles it again, and never doubles a document', async () => {
    const prefix = freshPrefix();
    const topic = ledgerTopics(prefix).of('evaluations');
    const events = Array.from({ length: 12 }, (_, version) => event('RatingGiven', 'rating-batch', version));
    await publish(topic, events);
    const readStore = await sqlReadStore(sql);
    const collection = `ratings_${randomUUID().slice(0, 8)}`;
    let failed = false;
    let redelivered: { version: number; stored: number } | undefined;
    const projection: Projection = {
      name: 'ratings',
      services: ['evaluations'],
      eventTypes: ['RatingGiven'],
      collections: [collection],
      async apply(recorded, target) {
        if (failed && !redelivered) redelivered = { version: recorded.streamVersion, stored: await readStore.collection(collection).count() };
        await target.collection(collection).put({ id: recorded.eventId, version: recorded.streamVersion });
        if (recorded.streamVersion === 7 && !failed) {
          failed = true;
          throw new Error('the read store went away for a moment');
        }
      },
    };
    const bus = new KafkaBus({ kafka, logger, topicPrefix: prefix, retryDelayMs: { initial: 20, max: 100 } });
    await bus.start(projectionConsumer(projection, readStore));
    await waitUntil(async () => (await readStore.collection(collection).count()) === events.length, 30_000);
    await bus.close();
    expect(failed).toBe(true);
    // When the failed unit's first event came again, only the events before it were stored: none of the unit's.
    expect(redelivered).toEqual({ version: expect.any(Number), stored: redelivered!.version });
    expect(redelivered!.version).toBeLessThan(7);
    const stored = await readStore.collection<{ id: string; version: number }>(collection).find({}, { limit: 100 });
    expect(stored.map((doc) => doc.version).toSorted((a, b) => a - b)).toEqual(events.map((each) => each.streamVersion));
  });
});
