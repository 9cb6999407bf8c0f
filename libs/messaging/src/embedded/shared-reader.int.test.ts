import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@ledger/events';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { createLogger } from '@ledger/platform';
import { type Projection, projectionConsumer, sqlReadStore } from '@ledger/readstore';
import { openPglite } from '@ledger/sql';
import { type CountingSqlClient, countingSqlClient, waitUntil } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer } from '../port.ts';
import { sqlCheckpointStore } from '../sql-checkpoints.ts';
import { type EmbeddedBusOptions, embeddedBus, sqlDeadLetters } from './store-bus.ts';

const department = (departmentId: string) => ({
  eventId: randomUUID(),
  type: 'DepartmentRegistered',
  schemaVersion: 1,
  data: { departmentId, name: `Department ${departmentId}`, category: 'vertical', at: '2026-01-01T00:00:00Z' },
});
const renamed = (departmentId: string) => ({
  eventId: randomUUID(),
  type: 'DepartmentChanged',
  schemaVersion: 1,
  data: { departmentId, name: `Renamed ${departmentId}`, category: 'vertical', at: '2026-01-02T00:00:00Z' },
});

const readsOfTheLedger = (sql: CountingSqlClient) => sql.log.filter((entry) => /from ledger_events\s+where position >/.test(entry.text)).length;
const checkpointWritesOf = (sql: CountingSqlClient, name: string) =>
  sql.log.filter((entry) => entry.text.includes('consumer_checkpoints') && !entry.text.trimStart().startsWith('select') && JSON.stringify(entry.params).includes(name)).length;

describe('the shared reader of the embedded bus', () => {
  let sql: CountingSqlClient;
  let store: SqlEventStore;
  const logger = createLogger({ level: 'silent' });
  beforeAll(async () => {
    sql = countingSqlClient(await openPglite());
    // Appends wake the bus at once; the idle poll only finds appends of other processes, which these tests make none of.
    store = await SqlEventStore.open(sql, { idlePollMs: 60_000 });
  });
  afterAll(() => sql.close());

  const busOf = async (options: Partial<EmbeddedBusOptions> = {}) =>
    embeddedBus({ store, checkpoints: await sqlCheckpointStore(sql), deadLetters: await sqlDeadLetters(sql), logger, ...options });

  it('reads each new batch once for every consumer, and hands each only the types it handles', async () => {
    const bus = await busOf({ lazyCheckpointDelayMs: 3_600_000 });
    const streamId = `department-types-${randomUUID()}`;
    const seen = new Map<string, string[]>();
    const consumers: Consumer[] = ['DepartmentRegistered', 'DepartmentChanged', 'PersonRegistered', 'RatingGiven', 'SurveyScored'].map((type) => ({
      name: `c-${type}-${randomUUID()}`,
      services: ['evaluations'],
      eventTypes: [type],
      handle: async (event: RecordedEvent) => void seen.set(type, [...(seen.get(type) ?? []), `${event.type}@${event.streamId}`]),
    }));
    for (const consumer of consumers) await bus.start(consumer);
    const head = await store.headPosition();
    await waitUntil(async () => (await Promise.all(consumers.map((consumer) => bus.positions.load(consumer.name)))).every((position) => position >= head));
    sql.reset();

    await store.append(streamId, [department('types'), renamed('types')], 'no-stream');
    const newHead = await store.headPosition();
    await waitUntil(async () => (await Promise.all(consumers.map((consumer) => bus.positions.load(consumer.name)))).every((position) => position >= newHead));

    expect(seen.get('DepartmentRegistered')).toEqual([`DepartmentRegistered@${streamId}`]);
    expect(seen.get('DepartmentChanged')).toEqual([`DepartmentChanged@${streamId}`]);
    expect(seen.has('PersonRegistered') || seen.has('RatingGiven') || seen.has('SurveyScored')).toBe(false);
    // One read of the ledger for five consumers; no checkpoint write yet, neither for those that passed over the
    // events nor for those that handled them (consumers without handleBatch are idempotent by source event: their
    // checkpoints move lazily too).
    expect(readsOfTheLedger(sql)).toBe(1);
    expect(consumers.map((consumer) => checkpointWritesOf(sql, consumer.name))).toEqual([0, 0, 0, 0, 0]);
    const checkpoints = await sqlCheckpointStore(sql);
    expect(await checkpoints.load(consumers[0]!.name)).toBeLessThan(newHead);
    expect(await checkpoints.load(consumers[2]!.name)).toBeLessThan(newHead);
    // The positions passed over are saved later, all in one statement.
    sql.reset();
    await bus.flushCheckpoints();
    expect(sql.statements).toBe(1);
    for (const consumer of consumers) expect(await checkpoints.load(consumer.name)).toBe(newHead);
    await bus.close();
  });

  it('stores nothing of a failing batch, neither its read-model writes nor its checkpoint, and redelivers it', async () => {
    const readStore = await sqlReadStore(sql);
    const checkpoints = await sqlCheckpointStore(sql);
    const streams = [1, 2, 3].map((n) => `department-batch${n}-${randomUUID()}`);
    const name = `projection-${randomUUID()}`;
    const collection = `batch_${randomUUID().slice(0, 8)}`;
    let failed = false;
    const seenAfterFailure: Array<{ stored: number; checkpoint: number }> = [];
    const projection: Projection = {
      name,
      services: ['evaluations'],
      eventTypes: ['DepartmentRegistered'],
      collections: [collection],
      async apply(event, target) {
        if (!streams.includes(event.streamId)) return;
        if (failed && event.streamId === streams[0]) {
          // What a redelivery finds: nothing of the failed batch is stored.
          const stored = await sql.query<{ n: number }>('select count(*)::int as n from read_documents where collection = $1', [collection]);
          seenAfterFailure.push({ stored: stored.rows[0]!.n, checkpoint: await checkpoints.load(name) });
        }
        await target.collection(collection).put({ id: event.streamId, position: event.position });
        if (event.streamId === streams[2] && !failed) {
          failed = true;
          throw new Error('the read store went away for a moment');
        }
      },
    };
    const before = await store.headPosition();
    for (const streamId of streams) await store.append(streamId, [department('batch')], 'no-stream');
    const head = await store.headPosition();
    // Started behind the head, the consumer reads all three events in one batch.
    const bus = await busOf();
    await bus.start(projectionConsumer(projection, readStore));
    await waitUntil(async () => (await checkpoints.load(name)) >= head);
    expect(failed).toBe(true);
    // The events before ours, handled again one by one, may have moved it up to ours, not further.
    expect(seenAfterFailure).toEqual([{ stored: 0, checkpoint: expect.any(Number) }]);
    expect(seenAfterFailure[0]!.checkpoint).toBeLessThanOrEqual(before);
    expect((await readStore.collection(collection).find()).map((doc) => doc.id).toSorted()).toEqual(streams.toSorted());
    await bus.close();
  });

  it('lets a new or failing consumer catch up on its own while the others stay live, and delivers it everything once', async () => {
    // A small hold: the failing consumer leaves the shared reader and reads for itself once it catches up.
    const bus = await busOf({ maxHeld: 2, batchSize: 4 });
    const run = randomUUID();
    const mine = (event: RecordedEvent) => event.streamId.includes(run);
    const live: string[] = [];
    const lagging: string[] = [];
    let failing = true;
    let failures = 0;
    const liveConsumer: Consumer = { name: `live-${run}`, services: ['evaluations'], handle: async (event) => void (mine(event) && live.push(event.streamId)) };
    await bus.start(liveConsumer);
    const early = Array.from({ length: 10 }, (_, n) => `department-early${n}-${run}`);
    for (const streamId of early) await store.append(streamId, [department('early')], 'no-stream');
    await waitUntil(() => live.length === early.length);

    // New: it starts from the first event of the ledger, and fails on the first of ours until told otherwise.
    await bus.start({
      name: `lagging-${run}`,
      services: ['evaluations'],
      async handle(event) {
        if (!mine(event)) return;
        if (failing) {
          failures += 1;
          throw new Error('not yet');
        }
        lagging.push(event.streamId);
      },
    });
    await waitUntil(() => failures >= 2);
    const later = Array.from({ length: 12 }, (_, n) => `department-later${n}-${run}`);
    for (const streamId of later) await store.append(streamId, [department('later')], 'no-stream');
    await waitUntil(() => live.length === early.length + later.length);
    expect(lagging).toEqual([]);

    failing = false;
    const everything = [...early, ...later];
    await waitUntil(() => lagging.length >= everything.length, 20_000);
    const last = `department-last-${run}`;
    await store.append(last, [department('last')], 'no-stream');
    await waitUntil(() => lagging.includes(last) && live.includes(last));
    expect(lagging).toEqual([...everything, last]);
    expect(live).toEqual([...everything, last]);
    await bus.close();
  });

  it('saves the checkpoint of a consumer without a batch handler once a batch, after handling each event', async () => {
    const run = randomUUID();
    const streams = Array.from({ length: 8 }, (_, n) => `department-processor${n}-${run}`);
    for (const streamId of streams) await store.append(streamId, [department('processor')], 'no-stream');
    const head = await store.headPosition();
    const handled: string[] = [];
    const name = `processor-${run}`;
    sql.reset();
    const bus = await busOf();
    await bus.start({ name, services: ['evaluations'], eventTypes: ['DepartmentRegistered'], handle: async (event) => void (event.streamId.includes(run) && handled.push(event.streamId)) });
    await waitUntil(async () => (await (await sqlCheckpointStore(sql)).load(name)) >= head);
    expect(handled).toEqual(streams);
    expect(checkpointWritesOf(sql, name)).toBe(1);
    await bus.close();
  });
});
