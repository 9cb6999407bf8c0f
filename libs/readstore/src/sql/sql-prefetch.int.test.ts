import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@ledger/events';
import type { SqlClient } from '@ledger/sql';
import { type CountingSqlClient, countingSqlClient, sqlEngines } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppliedVersions, type Document, type Projection, type ReadStore, alreadyApplied, markApplied } from '../port.ts';
import { projectionConsumer } from '../projection-consumer.ts';
import { sqlReadStore } from './sql-read-store.ts';

interface Tally extends Document, AppliedVersions {
  events: number;
}

/** Counts the events of each stream in a document of its own (the shape of the complaint list). */
const tallies = (collection: string, withDocumentsOf: boolean): Projection => ({
  name: `test.${collection}`,
  services: ['evaluations'],
  eventTypes: ['DepartmentChanged'],
  collections: [collection],
  ...(withDocumentsOf ? { documentsOf: (event: RecordedEvent) => [{ collection, id: event.streamId }] } : {}),
  async apply(event, store) {
    const docs = store.collection<Tally>(collection);
    const existing = await docs.get(event.streamId);
    if (alreadyApplied(existing, event)) return;
    await docs.put(markApplied({ ...existing, id: event.streamId, events: (existing?.events ?? 0) + 1 }, event));
  },
});

let position = 0;
const eventOf = (streamId: string, streamVersion: number): RecordedEvent => ({
  position: (position += 1),
  eventId: randomUUID(),
  streamId,
  streamVersion,
  type: 'DepartmentChanged',
  schemaVersion: 1,
  data: {},
  metadata: { commandId: randomUUID(), actor: 'test' },
  occurredAt: '2026-04-01T08:00:00.000Z',
  recordedAt: '2026-04-01T08:00:00.000Z',
});

const reads = (sql: CountingSqlClient) => sql.log.filter((statement) => /^\s*select/i.test(statement.text)).length;

describe.each(await sqlEngines(3))('a consumer batch that prefetches its documents, on %s', (_engine, open) => {
  let raw: SqlClient;
  let dispose: () => Promise<void>;
  let sql: CountingSqlClient;
  let store: ReadStore;
  beforeAll(async () => {
    ({ sql: raw, dispose } = await open());
    sql = countingSqlClient(raw);
    store = await sqlReadStore(sql);
    await raw.query('create table acknowledged (name text primary key, position bigint not null)');
  });
  afterAll(async () => {
    await raw.close();
    await dispose();
  });
  const acknowledgement = (name: string, at: number) => ({
    database: sql,
    statement: { text: 'insert into acknowledged (name, position) values ($1, $2) on conflict (name) do update set position = excluded.position', params: [name, at] },
  });

  it('reads the documents of N events for distinct documents in one statement, and stores them with the checkpoint in one more', async () => {
    const collection = `t_${randomUUID().slice(0, 8)}`;
    const consumer = projectionConsumer(tallies(collection, true), store);
    // Half the documents exist already, half are new: a miss is known from the same read.
    await store.collection<Tally>(collection).putMany(Array.from({ length: 10 }, (_, n) => ({ id: `s${n}`, events: 1, _applied: { [`s${n}`]: 0 } })));
    const batch = Array.from({ length: 20 }, (_, n) => eventOf(`s${n}`, 1));
    sql.reset();
    expect(await consumer.handleBatch(batch, acknowledgement(collection, batch.at(-1)!.position))).toBe(true);
    expect(reads(sql)).toBe(1);
    expect(sql.statements).toBe(2);
    const stored = await store.collection<Tally>(collection).find({}, { limit: 100 });
    expect(stored.map((doc) => [doc.id, doc.events]).toSorted()).toEqual(Array.from({ length: 20 }, (_, n) => [`s${n}`, n < 10 ? 2 : 1]).toSorted());

    // Redelivered, the batch changes nothing: the prefetched documents carry the versions applied.
    expect(await consumer.handleBatch(batch, acknowledgement(collection, batch.at(-1)!.position))).toBe(true);
    expect((await store.collection<Tally>(collection).get('s0'))?.events).toBe(2);
  });

  it('reads one document at a time without documentsOf, as before', async () => {
    const collection = `t_${randomUUID().slice(0, 8)}`;
    const consumer = projectionConsumer(tallies(collection, false), store);
    const batch = Array.from({ length: 5 }, (_, n) => eventOf(`u${n}`, 0));
    sql.reset();
    await consumer.handleBatch(batch);
    expect(reads(sql)).toBe(5);
    expect(await store.collection(collection).count()).toBe(5);
  });

  it('reads for the consumers handed a batch at once in two statements: the first at once, the others together behind it', async () => {
    const [first, second, third] = [1, 2, 3].map(() => `t_${randomUUID().slice(0, 8)}`) as [string, string, string];
    const consumers = [first, second, third].map((collection) => projectionConsumer(tallies(collection, true), store));
    const batch = [eventOf('shared-a', 0), eventOf('shared-b', 0)];
    sql.reset();
    await Promise.all(consumers.map((consumer) => consumer.handleBatch(batch)));
    expect(reads(sql)).toBe(2);
    for (const collection of [first, second, third]) expect(await store.collection(collection).count()).toBe(2);
  });

  it('answers a unit’s own writes over what it prefetched, after a query wrote them early too', async () => {
    const collection = `t_${randomUUID().slice(0, 8)}`;
    await store.collection(collection).putMany([
      { id: 'kept', n: 1 },
      { id: 'gone', n: 1 },
    ]);
    const unit = store.unitOfWork!();
    await unit.prefetch!([
      { collection, id: 'kept' },
      { collection, id: 'gone' },
      { collection, id: 'new' },
    ]);
    sql.reset();
    const docs = unit.store.collection(collection);
    expect(await docs.get('kept')).toEqual({ id: 'kept', n: 1 });
    expect(await docs.get('new')).toBeUndefined();
    expect(sql.statements).toBe(0);
    await docs.delete('gone');
    await docs.put({ id: 'kept', n: 2 });
    await docs.put({ id: 'new', n: 1 });
    expect(await docs.get('gone')).toBeUndefined();
    expect(await docs.count()).toBe(2);
    expect(await docs.get('kept')).toEqual({ id: 'kept', n: 2 });
    expect(await docs.get('gone')).toBeUndefined();
    await unit.commit();
    expect((await store.collection(collection).find()).map((doc) => doc.id)).toEqual(['kept', 'new']);
  });
});
