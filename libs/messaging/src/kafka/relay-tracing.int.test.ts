import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@ledger/events';
import { inSpan, tracedStore } from '@ledger/eventstore';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { createLogger, startTracing, type Tracing } from '@ledger/platform';
import { openPglite, type SqlClient } from '@ledger/sql';
import { departmentRegistered, findEngine, waitUntil } from '@ledger/testing';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCheckpointStore } from '../sql-checkpoints.ts';
import { tracedConsumer } from '../traced-consumer.ts';
import { createKafka } from './client.ts';
import { KafkaBus } from './kafka-bus.ts';
import { startKafkaRelay } from './relay.ts';
import { deleteTopicsWithPrefix } from './topic-reader.ts';

const kafkaEngine = await findEngine('kafka');
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

const parentOf = (span: ReadableSpan | undefined) => span?.parentSpanContext?.spanId;

// Issue 14.3 in the distributed path: the trace of an append goes on through the relay's publishing to Kafka
// (ce_traceparent) into a consumer that reads the topic, as a service in another process does.
describe.skipIf(!kafkaEngine.available)('a trace across the Kafka relay', () => {
  const exporter = new InMemorySpanExporter();
  const prefix = `trace-${randomUUID().slice(0, 8)}.`;
  let tracing: Tracing | undefined;
  let sql: SqlClient;
  let kafka: Kafka;

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'relay-under-test', exporter });
    sql = await openPglite();
    kafka = createKafka({ brokers: kafkaEngine.available ? kafkaEngine.url : '', logger });
  });
  afterAll(async () => {
    await deleteTopicsWithPrefix(kafka, prefix);
    await sql?.close();
    await tracing?.shutdown();
  });

  it('makes the append, the relay’s send and the consumer’s handling one trace, each inside the one before', async () => {
    const store = await SqlEventStore.open(sql, { idlePollMs: 20 });
    const departmentId = randomUUID();
    const traceId = await inSpan('request', {}, async (span) => {
      await tracedStore(store).append(`department-${departmentId}`, [departmentRegistered(departmentId)], 'no-stream');
      return span.spanContext().traceId;
    });
    const relay = await startKafkaRelay({ kafka, store, checkpoints: await sqlCheckpointStore(sql), logger, name: `${prefix}relay`, topicPrefix: prefix, lingerMs: 10 });
    const handled: RecordedEvent[] = [];
    const bus = new KafkaBus({ kafka, logger, topicPrefix: prefix });
    await bus.start(tracedConsumer({ name: 'traced', services: ['evaluations'], handle: async (event) => void handled.push(event) }));
    try {
      await waitUntil(() => handled.length === 1, 30_000);
    } finally {
      await bus.close();
      await relay.stop();
    }
    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const named = (name: string) => spans.find((span) => span.name === name);
    const [request, append, send, handling] = [named('request'), named('ledger.append'), named(`send ${prefix}ledger.evaluations`), named('process DepartmentRegistered')];
    expect([request, append, send, handling].map((span) => span?.name)).toEqual(['request', 'ledger.append', `send ${prefix}ledger.evaluations`, 'process DepartmentRegistered']);
    expect(parentOf(append)).toBe(request!.spanContext().spanId);
    expect(parentOf(send)).toBe(append!.spanContext().spanId);
    expect(parentOf(handling)).toBe(send!.spanContext().spanId);
    // What the consumer reads carries the relay's context; the event's data is what was appended.
    expect(handled[0]!.metadata.traceparent).toBe(`00-${traceId}-${send!.spanContext().spanId}-01`);
  });
});
