import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@ledger/events';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { createLogger } from '@ledger/platform';
import { openPglite, type SqlClient } from '@ledger/sql';
import { findEngine, waitUntil } from '@ledger/testing';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointStore } from '../port.ts';
import { sqlCheckpointStore } from '../sql-checkpoints.ts';
import { decodeKafkaMessage } from './binding.ts';
import { createKafka, ledgerTopics } from './client.ts';
import { type KafkaRelay, startKafkaRelay } from './relay.ts';
import { type TopicMessage, deleteTopicsWithPrefix, readTopicsToEnd, topicMessageCount } from './topic-reader.ts';

const kafkaEngine = await findEngine('kafka');
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const at = '2026-04-01T08:00:00.000Z';

const department = (departmentId: string, name: string, type = 'DepartmentRegistered'): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data: { departmentId, name, category: 'service-facing', at },
  metadata: { commandId: `cmd-${randomUUID()}`, actor: 'evaluation-office:e-1' },
});
const rejection = (complaintId: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'ComplaintRejected',
  schemaVersion: 1,
  data: { complaintId, reason: 'duplicate', at },
});

const prefixes: string[] = [];
const freshPrefix = () => {
  const prefix = `t-${randomUUID().slice(0, 8)}.`;
  prefixes.push(prefix);
  return prefix;
};
const topicsOf = (prefix: string) => [ledgerTopics(prefix).of('evaluations'), ledgerTopics(prefix).of('complaints')];

describe.skipIf(!kafkaEngine.available)('the Kafka relay', () => {
  let sql: SqlClient;
  let store: SqlEventStore;
  let checkpoints: CheckpointStore;
  let kafka: Kafka;

  beforeAll(async () => {
    sql = await openPglite();
    store = await SqlEventStore.open(sql, { idlePollMs: 20 });
    checkpoints = await sqlCheckpointStore(sql);
    kafka = createKafka({ brokers: kafkaEngine.available ? kafkaEngine.url : '', logger });
  });
  afterAll(async () => {
    // The broker outlives the run: leave no topics behind.
    for (const prefix of prefixes) await deleteTopicsWithPrefix(kafka, prefix);
    await sql?.close();
  });

  /** Appends a few events to several streams of two services, interleaved in the global order. */
  async function appendMixed(tag: string, rounds: number): Promise<void> {
    for (let round = 0; round < rounds; round += 1) {
      for (const id of ['a', 'b', 'c']) {
        const streamId = `department-${tag}-${id}`;
        const type = round === 0 ? 'DepartmentRegistered' : 'DepartmentChanged';
        await store.append(streamId, [department(`${tag}-${id}`, `name ${round}`, type)], 'any');
      }
      await store.append(`complaint-${tag}-${round}`, [rejection(`${tag}-${round}`)], 'no-stream');
    }
  }

  const start = (name: string, prefix: string, overrides: Partial<Parameters<typeof startKafkaRelay>[0]> = {}): Promise<KafkaRelay> =>
    startKafkaRelay({ kafka, store, checkpoints, logger, name, topicPrefix: prefix, batchSize: 4, lingerMs: 10, ...overrides });

  async function readAllMessages(prefix: string, expected: number): Promise<TopicMessage[]> {
    await waitUntil(async () => (await topicMessageCount(kafka, topicsOf(prefix))) >= expected, 30_000);
    return readTopicsToEnd(kafka, topicsOf(prefix));
  }

  it('publishes every event to the topic of its service, each stream in order, with the CloudEvents headers', async () => {
    const prefix = freshPrefix();
    const tag = randomUUID().slice(0, 8);
    await appendMixed(tag, 3);
    const ours = (await store.readAll({ after: 0, limit: 10_000 })).filter((event) => event.streamId.includes(tag));
    const relay = await start(`relay-${tag}`, prefix);
    const head = await store.headPosition();
    await waitUntil(() => relay.publishedPosition() >= head, 30_000);
    await relay.stop();
    await expect(relay.done).resolves.toBeUndefined();
    expect(await checkpoints.load(`relay-${tag}`)).toBe(head);

    // The shared ledger may hold other tests' events; the topics are this test's own.
    const messages = (await readAllMessages(prefix, ours.length)).filter((message) => message.key!.includes(tag));
    expect(messages).toHaveLength(ours.length);
    const stored = new Map(ours.map((event) => [event.eventId, event]));
    for (const message of messages) {
      const event = decodeKafkaMessage(message);
      expect(event).toEqual(stored.get(event.eventId));
      expect(message.key).toBe(event.streamId);
      expect(message.topic).toBe(`${prefix}ledger.${event.type === 'ComplaintRejected' ? 'complaints' : 'evaluations'}`);
      expect(message.headers['content-type']).toBe('application/json');
      expect(message.headers.ce_position).toBe(String(event.position));
      expect(message.headers.ce_commandid).toBe(event.metadata.commandId);
    }
    const versionsByStream = new Map<string, number[]>();
    for (const message of messages) {
      const event = decodeKafkaMessage(message);
      versionsByStream.set(event.streamId, [...(versionsByStream.get(event.streamId) ?? []), event.streamVersion]);
    }
    expect(versionsByStream.get(`department-${tag}-a`)).toEqual([0, 1, 2]);
    expect(versionsByStream.get(`department-${tag}-c`)).toEqual([0, 1, 2]);
    expect([...versionsByStream.keys()].filter((streamId) => streamId.startsWith('complaint-'))).toHaveLength(3);
  });

  it('resumes from its checkpoint after a restart: nothing lost, nothing sent twice after a clean stop', async () => {
    const prefix = freshPrefix();
    const tag = randomUUID().slice(0, 8);
    const name = `relay-${tag}`;
    await appendMixed(`${tag}-1`, 2);
    const first = await start(name, prefix);
    const firstHead = await store.headPosition();
    await waitUntil(() => first.publishedPosition() >= firstHead, 30_000);
    await first.stop();

    await appendMixed(`${tag}-2`, 2);
    const second = await start(name, prefix);
    const secondHead = await store.headPosition();
    await waitUntil(() => second.publishedPosition() >= secondHead, 30_000);
    await second.stop();

    const ours = (await store.readAll({ after: 0, limit: 10_000 })).filter((event) => event.streamId.includes(tag));
    const messages = (await readAllMessages(prefix, ours.length)).filter((message) => message.key!.includes(tag));
    expect(messages.map((message) => message.headers.ce_id).toSorted()).toEqual(ours.map((event) => event.eventId).toSorted());
  });

  it('publishes again what Kafka took but the checkpoint did not record, when the relay failed in between', async () => {
    const prefix = freshPrefix();
    const tag = randomUUID().slice(0, 8);
    const name = `relay-${tag}`;
    // The relay must start at this test's events, not at the shared ledger's first one.
    await checkpoints.save(name, await store.headPosition());
    await appendMixed(tag, 3);
    let saves = 0;
    const failingAfterOneSave: CheckpointStore = {
      load: (key) => checkpoints.load(key),
      async save(key, position) {
        saves += 1;
        if (saves > 1) throw new Error('checkpoint table unavailable');
        await checkpoints.save(key, position);
      },
    };
    const crashed = await start(name, prefix, { checkpoints: failingAfterOneSave, lingerMs: 1_000 });
    await expect(crashed.done).rejects.toThrow('checkpoint table unavailable');
    await crashed.stop();
    const checkpointAfterCrash = await checkpoints.load(name);
    const ours = (await store.readAll({ after: 0, limit: 10_000 })).filter((event) => event.streamId.includes(tag));
    expect(checkpointAfterCrash).toBe(ours[3]!.position);

    const resumed = await start(name, prefix);
    const head = await store.headPosition();
    await waitUntil(() => resumed.publishedPosition() >= head, 30_000);
    await resumed.stop();

    const messages = (await readAllMessages(prefix, ours.length)).filter((message) => message.key!.includes(tag));
    const published = messages.map((message) => message.headers.ce_id!);
    // No loss; the batch that Kafka acknowledged without a checkpoint came twice, and nothing else did.
    expect(new Set(published)).toEqual(new Set(ours.map((event) => event.eventId)));
    const duplicates = published.filter((id, index) => published.indexOf(id) !== index);
    expect(duplicates.toSorted()).toEqual(ours.slice(4, 8).map((event: RecordedEvent) => event.eventId).toSorted());
  });
});
