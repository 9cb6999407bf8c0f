import { randomBytes, randomUUID } from 'node:crypto';
import { compareReadModels } from '@ledger/audit';
import { type RecordedEvent, type ServiceName, serviceOf } from '@ledger/events';
import {
  KafkaBus,
  createKafka,
  deadLetterHeaders,
  deleteTopicsWithPrefix,
  encodeKafkaMessage,
  ensureTopics,
  ledgerTopics,
  readTopicsToEnd,
  topicMessageCount,
} from '@ledger/messaging';
import { createLogger } from '@ledger/platform';
import type { ReadStore } from '@ledger/readstore';
import { mongoReadStore } from '@ledger/readstore/mongo';
import { findEngine, waitUntil } from '@ledger/testing';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BadMessage, type RawMessage, badMessageCorpus } from './dead-letter-corpus.testkit.ts';
import { accessKeysProjection } from '@ledger/host';
import { type LedgerHost, ledgerProjections } from './host.ts';
import { as } from '@ledger/testing/ledger';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 5, done means: a bad-message corpus published to the topics lands in the DLQs, one record each,
// with reasons; nothing else changes.
const kafkaEngine = await findEngine('kafka');
const mongoEngine = await findEngine('mongo');
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

describe.skipIf(!kafkaEngine.available || !mongoEngine.available)('a bad-message corpus on every topic, consumed by the real projections into MongoDB', () => {
  let ledger: LedgerHost;
  let kafka: Kafka;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  let readStore: ReadStore;
  let bus: KafkaBus;
  const prefix = `t-${randomUUID().slice(0, 8)}.`;
  const topics = ledgerTopics(prefix);
  let firstPhase: RecordedEvent[] = [];
  let secondPhase: RecordedEvent[] = [];

  const call = async (method: 'POST' | 'PUT', url: string, role: Parameters<typeof as>[0], payload: object) => {
    const response = await ledger.app.inject({ method, url, headers: as(role), payload });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json();
  };
  const validComplaint = async (receivedAt: string) => {
    const { complaintId } = await call('POST', '/v1/complaints', 'intake-clerk', { channel: 'hotline-12345', departmentId: 'housing', personId: 'wang', category: 'delay', summary: 'Permit pending', receivedAt });
    await call('POST', `/v1/complaints/${complaintId}/accept`, 'intake-clerk', {});
    await call('POST', `/v1/complaints/${complaintId}/finding`, 'investigator', { outcome: 'valid', personId: 'wang', departmentsAtFault: ['housing'] });
    return complaintId as string;
  };
  const rating = (transactionId: string, level: number) =>
    call('POST', '/v1/ratings', 'evaluation-office', { transactionId, departmentId: 'housing', personId: 'wang', platform: 'service-center', level, ratedAt: '2025-06-01T09:00:00+08:00' });

  beforeAll(async () => {
    // The ledger decides the events (every service's deciders and processors); Kafka only carries them.
    ledger = await startTestLedger();
    await call('PUT', '/v1/departments/housing', 'evaluation-office', { name: 'Housing Bureau', category: 'service-facing' });
    await call('PUT', '/v1/people/wang', 'evaluation-office', { name: 'Wang Fang', departmentId: 'housing' });
    await call('PUT', '/v1/departments/housing', 'evaluation-office', { name: 'Housing Bureau', category: 'service-facing', leaderPersonId: 'wang' });
    await rating('tx-1', 5);
    await call('POST', '/v1/surveys', 'evaluation-office', { departmentId: 'housing', year: 2025, score: 80 });
    await validComplaint('2025-03-01T09:00:00+08:00');
    await ledger.settled();
    const split = await ledger.store.headPosition();
    // The second phase has events on every topic, so each topic's corpus sits between good events.
    await rating('tx-2', 2);
    const late = await validComplaint('2025-04-01T09:00:00+08:00');
    // The deadline events (SPEC 3.2, 3.7) travel between the bad messages too: an extension and an explanation.
    const { complaintId: running } = await call('POST', '/v1/complaints', 'intake-clerk', { channel: 'hotline-12345', departmentId: 'housing', category: 'delay', summary: 'Permit pending' });
    await call('POST', `/v1/complaints/${running}/extend`, 'intake-clerk', { days: 3, reason: 'Needs a site visit' });
    await call('POST', `/v1/complaints/${late}/explanation`, 'intake-clerk', { explanation: 'Files were archived', commitmentAt: new Date(Date.now() + 86_400_000).toISOString() });
    await ledger.settled();
    await call('POST', '/v1/periods/2025/close', 'evaluation-office', {});
    // The settings topic carries the keys (issued at the first start, and this one), which every process's key list reads.
    await call('POST', '/v1/keys', 'administrator', { role: 'investigator', personId: 'inv-corpus', label: 'corpus investigator' });
    await ledger.settled();
    // The ledger's time zone (recorded at the first start) is read by no consumer: the corpus is for the topics consumers read.
    const events = (await ledger.store.readAll({ after: 0, limit: 100_000 })).filter((event) => event.type !== 'LedgerTimeZoneSet');
    firstPhase = events.filter((event) => event.position <= split);
    secondPhase = events.filter((event) => event.position > split);

    kafka = createKafka({ brokers: kafkaEngine.available ? kafkaEngine.url : '', logger });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    mongo = await new MongoClient(mongoEngine.available ? mongoEngine.url : '').connect();
    db = mongo.db(`ledger_test_${randomBytes(6).toString('hex')}`);
    readStore = await mongoReadStore(db);
  });

  afterAll(async () => {
    await bus?.close();
    await producer?.disconnect();
    if (kafka) await deleteTopicsWithPrefix(kafka, prefix);
    await db?.dropDatabase();
    await mongo?.close();
    await ledger?.stop();
  });

  it('dead-letters each bad message once per consumer with its reason, carries on, and leaves the read models as the good events make them', async () => {
    const services = [...new Set([...firstPhase, ...secondPhase].map((event) => serviceOf(event.type)))];
    expect(services.toSorted()).toEqual(['complaints', 'discipline', 'evaluations', 'rankings', 'rectification', 'settings']);
    await ensureTopics(kafka, services.flatMap((service) => [topics.of(service), topics.deadLetterOf(topics.of(service))]));

    // Every read model of the ledger, each its own consumer group, as a service process runs them (every process keeps the key list).
    const projections = [...ledgerProjections(), accessKeysProjection];
    const handled = new Map(projections.map((projection) => [projection.name, new Set<string>()]));
    bus = new KafkaBus({ kafka, logger, topicPrefix: prefix });
    for (const projection of projections) {
      await projection.setup?.(readStore);
      await bus.start({
        name: projection.name,
        services: projection.services,
        async handle(event) {
          await projection.apply(event, readStore);
          handled.get(projection.name)!.add(event.eventId);
        },
      });
    }
    const readersOf = (service: ServiceName) => projections.filter((projection) => projection.services.includes(service));

    // One event at a time, each read by every consumer of its topic before the next: the global order the
    // embedded host applied them in, so that both stores must end up equal.
    const publishInOrder = async (events: RecordedEvent[]) => {
      for (const event of events) {
        await producer.send({ topic: topics.of(serviceOf(event.type)), acks: -1, messages: [encodeKafkaMessage(event)] });
        await waitUntil(() => readersOf(serviceOf(event.type)).every((projection) => handled.get(projection.name)!.has(event.eventId)), 30_000);
      }
    };
    await publishInOrder(firstPhase);

    const corpusOf = new Map<ServiceName, BadMessage[]>();
    for (const service of services) {
      const template = encodeKafkaMessage(secondPhase.find((event) => serviceOf(event.type) === service)!);
      const foreign = encodeKafkaMessage(firstPhase.find((event) => serviceOf(event.type) !== service)!);
      const corpus = badMessageCorpus(template, foreign);
      corpusOf.set(service, corpus);
      await producer.send({ topic: topics.of(service), acks: -1, messages: corpus.map((entry) => entry.message as RawMessage & { headers: never }) });
    }
    // Behind the corpus in its partitions: handled only if every consumer got past every bad message.
    await publishInOrder(secondPhase);

    for (const service of services) {
      const corpus = corpusOf.get(service)!;
      const deadLetterTopic = topics.deadLetterOf(topics.of(service));
      const groups = readersOf(service).map((projection) => `${prefix}${projection.name}`);
      await waitUntil(async () => (await topicMessageCount(kafka, [deadLetterTopic])) >= corpus.length * groups.length, 30_000);
      const letters = await readTopicsToEnd(kafka, [deadLetterTopic]);
      expect(letters, `${deadLetterTopic}: one letter per bad message and consumer group`).toHaveLength(corpus.length * groups.length);
      for (const group of groups) {
        const ofGroup = letters.filter((letter) => letter.headers[deadLetterHeaders.consumer] === group);
        for (const entry of corpus) {
          const matching = ofGroup.filter((letter) => entry.reason.test(letter.headers[deadLetterHeaders.reason] ?? ''));
          expect(matching, `${group}: ${entry.label}`).toHaveLength(1);
          expect([matching[0]!.key, matching[0]!.value], `${group}: ${entry.label} keeps its key and value`).toEqual([entry.message.key, entry.message.value]);
          expect(matching[0]!.headers[deadLetterHeaders.topic]).toBe(topics.of(service));
        }
        expect(new Set(ofGroup.map((letter) => `${letter.partition}/${letter.headers[deadLetterHeaders.offset]}`)).size, `${group}: no message twice`).toBe(corpus.length);
      }
    }

    // Nothing else changed: the topics hold what was published, no other topic appeared, and the read
    // models equal those the embedded host kept from the same events.
    for (const service of services) {
      const published = [...firstPhase, ...secondPhase].filter((event) => serviceOf(event.type) === service).length + corpusOf.get(service)!.length;
      expect(await topicMessageCount(kafka, [topics.of(service)])).toBe(published);
    }
    const admin = kafka.admin();
    await admin.connect();
    const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    await admin.disconnect();
    expect(ours.toSorted()).toEqual(services.flatMap((service) => [topics.of(service), topics.deadLetterOf(topics.of(service))]).toSorted());
    const collections = projections.flatMap((projection) => projection.collections.map((collection) => ({ projection: projection.name, collection })));
    const comparison = await compareReadModels(ledger.readStore, readStore, collections);
    expect(comparison.differences).toEqual([]);
    expect(comparison.documents).toBeGreaterThan(10);
  });
});
