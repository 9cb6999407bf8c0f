import { randomUUID } from 'node:crypto';
import { type CheckpointStore, createKafka, ensureTopics, ledgerTopics, sqlCheckpointStore } from '@ledger/messaging';
import { createLogger } from '@ledger/platform';
import type { Projection } from '@ledger/readstore';
import { type SqlClient, openPglite } from '@ledger/sql';
import { findEngine } from '@ledger/testing';
import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaProjectionPositions, relayCheckpointName } from './kafka-positions.ts';

const kafkaEngine = await findEngine('kafka');
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

describe.skipIf(!kafkaEngine.available)('how far a projection has read, on Kafka', () => {
  const prefix = `t-${randomUUID().slice(0, 8)}.`;
  const topic = ledgerTopics(prefix).of('complaints');
  const projection: Projection = { name: 'complaints.list-under-test', services: ['complaints'], collections: [], apply: async () => {} };
  const groupId = `${prefix}${projection.name}`;
  let kafka: Kafka;
  let admin: Admin;
  let sql: SqlClient;
  let relayCheckpoints: CheckpointStore;
  let positions: ReturnType<typeof kafkaProjectionPositions>;

  /** Commits the group's offsets as a consumer would after handling messages, partition by partition. */
  const commit = async (offsets: Array<{ partition: number; offset: string }>) => {
    await admin.setOffsets({ groupId, topic, partitions: offsets });
  };

  beforeAll(async () => {
    kafka = createKafka({ brokers: kafkaEngine.available ? kafkaEngine.url : '', logger });
    admin = kafka.admin();
    await admin.connect();
    sql = await openPglite();
    relayCheckpoints = await sqlCheckpointStore(sql);
    await ensureTopics(kafka, [topic]);
    // Given three messages published by the relay, which recorded that it published up to position 7,
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: ['a', 'b', 'c'].map((key) => ({ key, value: '{}' })) });
    await producer.disconnect();
    await relayCheckpoints.save(relayCheckpointName(prefix), 7);
    positions = kafkaProjectionPositions({ kafka, topicPrefix: prefix, projections: [projection], relayCheckpoints, relayName: relayCheckpointName(prefix) });
  });
  afterAll(async () => {
    await positions?.close();
    await admin?.deleteGroups([groupId]).catch(() => {});
    await admin?.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin?.disconnect();
    await sql?.close();
  });

  it('answers 0 while the group has not committed everything its topics hold', async () => {
    expect(await positions.projectionPosition(projection.name)).toBe(0);
    const ends = await admin.fetchTopicOffsets(topic);
    const nonEmpty = ends.filter((end) => BigInt(end.high) > 0n);
    // One partition left behind.
    await commit(ends.map((end) => ({ partition: end.partition, offset: end.partition === nonEmpty[0]!.partition ? String(BigInt(end.high) - 1n) : end.high })));
    expect(await positions.projectionPosition(projection.name)).toBe(0);
  });

  it("answers the relay's position once the group committed every message", async () => {
    const ends = await admin.fetchTopicOffsets(topic);
    await commit(ends.map((end) => ({ partition: end.partition, offset: end.high })));
    expect(await positions.projectionPosition(projection.name)).toBe(7);
  });

  it('refuses a projection the process does not run', async () => {
    await expect(positions.projectionPosition('rankings.unknown')).rejects.toThrow('runs no projection named rankings.unknown');
  });
});
