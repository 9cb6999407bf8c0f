import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@ledger/events';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { type Bus, type CheckpointStore, type ConsumerHandle, embeddedBus, sqlCheckpointStore, sqlDeadLetters } from '@ledger/messaging';
import { createLogger } from '@ledger/platform';
import {
  type AppliedVersions,
  type Document,
  type Projection,
  type ReadStore,
  alreadyApplied,
  markApplied,
  memoryReadStore,
  projectionConsumer,
  sqlReadStore,
} from '@ledger/readstore';
import { type SqlClient, openPglite } from '@ledger/sql';
import { waitUntil } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplayRequestError, replayReadModels } from './replay-read-models.ts';
import { Replayer } from './replayer.ts';

interface DepartmentDoc extends Document, AppliedVersions {
  name: string;
  category: string;
  staff: number;
}

/** Two real read models over the registry's events, idempotent as live ones must be. */
const departments: Projection = {
  name: 'test.departments',
  services: ['evaluations'],
  collections: ['test_departments'],
  async setup(store) {
    await store.collection('test_departments').ensureIndex('category');
  },
  async apply(event, store) {
    const collection = store.collection<DepartmentDoc>('test_departments');
    const data = event.data as { departmentId: string; name: string; category: string };
    if (event.type !== 'DepartmentRegistered' && event.type !== 'DepartmentChanged') return;
    const existing = await collection.get(data.departmentId);
    if (alreadyApplied(existing, event)) return;
    await collection.put(markApplied({ id: data.departmentId, name: data.name, category: data.category, staff: existing?.staff ?? 0, ...(existing?._applied ? { _applied: existing._applied } : {}) }, event));
  },
};

const staffCounts: Projection = {
  name: 'test.staff',
  services: ['evaluations'],
  collections: ['test_staff'],
  async apply(event, store) {
    if (event.type !== 'PersonRegistered') return;
    const { departmentId } = event.data as { departmentId: string };
    const collection = store.collection<Document & AppliedVersions & { people: string[] }>('test_staff');
    const existing = await collection.get(departmentId);
    if (alreadyApplied(existing, event)) return;
    const person = (event.data as { personId: string }).personId;
    await collection.put(markApplied({ id: departmentId, people: [...(existing?.people ?? []), person], ...(existing?._applied ? { _applied: existing._applied } : {}) }, event));
  },
};

const at = '2026-02-01T09:00:00.000+08:00';
const event = (type: string, data: Record<string, unknown>): NewEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data: { ...data, at } });
const register = (id: string, category = 'service-facing') => event('DepartmentRegistered', { departmentId: id, name: `Department ${id}`, category });
const hire = (personId: string, departmentId: string) => event('PersonRegistered', { personId, name: `Person ${personId}`, departmentId });

/**
 * The replay against live read models kept by the real embedded bus from the same store, on PGlite:
 * equal when nothing drifted, every drifted document named when something did.
 */
describe('replaying read models', () => {
  let sql: SqlClient;
  let store: SqlEventStore;
  let live: ReadStore;
  let positions: CheckpointStore;
  let bus: Bus;
  const handles = new Map<string, ConsumerHandle>();
  // Each replay gets a fresh read store of its own: a new table beside the live one (booting a PGlite per
  // replay made this file the slowest of the suite on a busy machine).
  let targetTables = 0;
  const fresh = () => sqlReadStore(sql, { table: `replay_target_${++targetTables}` });

  const settled = async () => {
    const head = await store.headPosition();
    await waitUntil(async () => (await Promise.all([...handles.keys()].map((name) => positions.load(name)))).every((position) => position >= head));
  };
  const startLive = async (projection: Projection) => {
    await projection.setup?.(live);
    handles.set(projection.name, await bus.start(projectionConsumer(projection, live)));
  };

  beforeAll(async () => {
    sql = await openPglite();
    store = await SqlEventStore.open(sql, { idlePollMs: 20 });
    live = await sqlReadStore(sql);
    positions = await sqlCheckpointStore(sql);
    bus = embeddedBus({ store, checkpoints: positions, deadLetters: await sqlDeadLetters(sql), logger: createLogger({ level: 'silent' }), skippedCheckpointInterval: 1 });
    await startLive(departments);
    await startLive(staffCounts);
    for (const id of ['d1', 'd2', 'd3']) await store.append(`department-${id}`, [register(id)], 'no-stream');
    await store.append('person-p1', [hire('p1', 'd1')], 'no-stream');
    await store.append('person-p2', [hire('p2', 'd1')], 'no-stream');
    await store.append('department-d2', [event('DepartmentChanged', { departmentId: 'd2', name: 'Renamed', category: 'vertical' })], 0);
    await settled();
  });
  afterAll(async () => {
    await bus?.close();
    await sql?.close();
  });

  it('rebuilds every read model from the first event, equal to the live ones', async () => {
    const target = await fresh();
    const report = await replayReadModels({ store, projections: [departments, staffCounts], target, compareWith: { readStore: live, positions } });
    expect(report.comparison).toEqual({ equal: true, documents: 4, ignoredFields: [], differences: [] });
    expect(report.events).toBe(6);
    expect(report.readModels).toEqual([
      { projection: 'test.departments', upTo: 6, applied: 6, documents: { test_departments: 3 } },
      { projection: 'test.staff', upTo: 6, applied: 6, documents: { test_staff: 1 } },
    ]);
    expect(await target.collection('test_departments').get('d2')).toEqual(await live.collection('test_departments').get('d2'));
  });

  it('rebuilds into a store in memory (the auditor\'s target) the same documents as into the database, and compares them equal', async () => {
    const inDatabase = await fresh();
    const inMemory = memoryReadStore();
    await replayReadModels({ store, projections: [departments, staffCounts], target: inDatabase });
    const report = await replayReadModels({ store, projections: [departments, staffCounts], target: inMemory, compareWith: { readStore: live, positions } });
    expect(report.comparison).toMatchObject({ equal: true, documents: 4 });
    for (const collection of ['test_departments', 'test_staff']) {
      expect(await inMemory.collection(collection).find({}, { limit: 100 })).toEqual(await inDatabase.collection(collection).find({}, { limit: 100 }));
    }
  });

  it('names every document that drifted: changed fields, missing and extra documents', async () => {
    const liveDepartments = live.collection<DepartmentDoc>('test_departments');
    const original = { d1: (await liveDepartments.get('d1'))!, d3: (await liveDepartments.get('d3'))! };
    await liveDepartments.put({ ...original.d1, name: 'Quietly renamed', staff: 9 });
    await liveDepartments.delete('d3');
    await liveDepartments.put({ id: 'd9', name: 'Invented', category: 'vertical', staff: 0 });
    try {
      const report = await replayReadModels({ store, projections: [departments, staffCounts], target: await fresh(), compareWith: { readStore: live, positions } });
      expect(report.comparison!.equal).toBe(false);
      expect(report.comparison!.differences).toEqual([
        {
          projection: 'test.departments',
          collection: 'test_departments',
          id: 'd1',
          kind: 'changed',
          fields: [
            { path: 'name', live: 'Quietly renamed', replayed: 'Department d1' },
            { path: 'staff', live: 9, replayed: 0 },
          ],
        },
        { projection: 'test.departments', collection: 'test_departments', id: 'd3', kind: 'only-replayed' },
        { projection: 'test.departments', collection: 'test_departments', id: 'd9', kind: 'only-live' },
      ]);
      const ignoring = await replayReadModels({
        store,
        projections: [departments],
        target: await fresh(),
        compareWith: { readStore: live, positions },
        ignoreFields: ['name', 'staff'],
      });
      expect(ignoring.comparison!.differences.map((difference) => `${difference.id}:${difference.kind}`)).toEqual(['d3:only-replayed', 'd9:only-live']);
    } finally {
      await liveDepartments.put(original.d1);
      await liveDepartments.put(original.d3);
      await liveDepartments.delete('d9');
    }
  });

  it('rebuilds each model only as far as its live consumer got, so a lagging consumer is no drift', async () => {
    await handles.get('test.staff')!.stop();
    await store.append('person-p3', [hire('p3', 'd1')], 'no-stream');
    await waitUntil(async () => (await positions.load('test.departments')) === (await store.headPosition()));
    const lagging = await positions.load('test.staff');
    const report = await replayReadModels({ store, projections: [departments, staffCounts], target: await fresh(), compareWith: { readStore: live, positions } });
    expect(report.comparison!.equal).toBe(true);
    expect(report.readModels.find((model) => model.projection === 'test.staff')!.upTo).toBe(lagging);
    // Compared up to the head instead, the lag shows as the one document it touches.
    const atHead = await replayReadModels({ store, projections: [staffCounts], target: await fresh(), compareWith: { readStore: live } });
    expect(atHead.comparison!.differences).toMatchObject([{ id: 'd1', kind: 'changed', fields: [{ path: '_applied.person-p3', replayed: 0 }, { path: 'people[2]', replayed: 'p3' }] }]);
    handles.set('test.staff', await bus.start(projectionConsumer(staffCounts, live)));
    await settled();
  });

  it('catches up with live models that move on while it runs, instead of reporting them', async () => {
    await handles.get('test.departments')!.stop();
    await store.append('department-d4', [register('d4')], 'no-stream');
    await store.append('department-d5', [register('d5')], 'no-stream');
    const stale = await positions.load('test.departments');
    let loads = 0;
    // The replay reads where the live consumer stands, then the consumer resumes and overtakes it
    // before the comparison: the two new departments are live, not yet replayed.
    const moving = {
      async load(name: string) {
        const position = await positions.load(name);
        if (++loads === 1) {
          handles.set('test.departments', await bus.start(projectionConsumer(departments, live)));
          await settled();
        }
        return position;
      },
    };
    const report = await replayReadModels({ store, projections: [departments], target: await fresh(), compareWith: { readStore: live, positions: moving } });
    expect(loads).toBeGreaterThan(1);
    expect(stale).toBeLessThan(await store.headPosition());
    expect(report.readModels[0]!.upTo).toBe(await store.headPosition());
    expect(report.comparison).toMatchObject({ equal: true, differences: [] });
  });

  it('rebuilds the ledger as it stood at an instant: events recorded up to it', async () => {
    await settled();
    const before = await live.collection('test_departments').find({}, { limit: 100 });
    const instant = (await store.readAll({ after: 0, limit: 1000 })).at(-1)!.recordedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.append('department-d6', [register('d6')], 'no-stream');
    await store.append('department-d1', [event('DepartmentChanged', { departmentId: 'd1', name: 'Later name', category: 'vertical' })], 'any');
    const target = await fresh();
    const report = await replayReadModels({ store, projections: [departments], target, asOf: instant });
    expect(report.asOf).toBe(instant);
    expect(await target.collection('test_departments').find({}, { limit: 100 })).toEqual(before);
    expect(report.lastPosition).toBeLessThan(await store.headPosition());
    await settled();
  });

  it('resumes a replay into the same target from where the last one stored its documents', async () => {
    const target = await fresh();
    const first = await Replayer.start({ store, projections: [departments, staffCounts], target });
    await first.advanceTo(() => 3);
    expect(await target.collection('test_departments').count()).toBe(3);
    expect(await target.collection('test_staff').count()).toBe(0);

    const progress: Array<{ position: number; eventsPerSecond: number }> = [];
    const resumed = await Replayer.start({ store, projections: [departments, staffCounts], target });
    await resumed.advanceTo(() => Number.MAX_SAFE_INTEGER, (step) => progress.push(step));
    expect(resumed.applied().get('test.staff')!.applied).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toMatchObject({ position: await store.headPosition(), eventsPerSecond: expect.any(Number) });
    await settled();
    expect(await target.collection('test_departments').find({}, { limit: 100 })).toEqual(await live.collection('test_departments').find({}, { limit: 100 }));
    expect(await target.collection('test_staff').find({}, { limit: 100 })).toEqual(await live.collection('test_staff').find({}, { limit: 100 }));
  });

  it('hands every read model that takes an event the one upcast copy, which none of them can change', async () => {
    const seen: Array<{ projection: string; event: RecordedEvent }> = [];
    const watching = (name: string): Projection => ({
      name,
      services: ['evaluations'],
      eventTypes: ['DepartmentRegistered'],
      collections: [],
      async apply(delivered) {
        seen.push({ projection: name, event: delivered });
      },
    });
    await replayReadModels({ store, projections: [watching('test.first'), watching('test.second')], target: memoryReadStore('frozen') });
    const first = seen.filter((entry) => entry.projection === 'test.first');
    expect(first.length).toBeGreaterThanOrEqual(3);
    expect(seen.filter((entry) => entry.projection === 'test.second').map((entry) => entry.event)).toEqual(first.map((entry) => entry.event));
    expect(seen[1]!.event).toBe(seen[0]!.event);
    expect(Object.isFrozen(seen[0]!.event)).toBe(true);

    const changing: Projection = {
      ...watching('test.changing'),
      async apply(delivered) {
        (delivered as { type: string }).type = 'Changed';
      },
    };
    await expect(replayReadModels({ store, projections: [changing], target: memoryReadStore('frozen') })).rejects.toThrow(/read model test\.changing failed/);
  });

  it('passes an event that fails its schema as a dead letter, as the live bus does', async () => {
    await sql.query(
      `insert into ledger_events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
       values ($1, 'department-bad', 0, 'DepartmentRegistered', 1, '{"departmentId": "bad"}', '{}', now(), now())`,
      [randomUUID()],
    );
    const target = await fresh();
    const report = await replayReadModels({ store, projections: [departments], target });
    expect(report.deadLetters).toEqual([
      { projection: 'test.departments', position: await store.headPosition(), eventId: expect.any(String), reason: expect.stringContaining('invalid DepartmentRegistered') },
    ]);
    expect(await target.collection('test_departments').get('bad')).toBeUndefined();
  });

  it('refuses a malformed instant, and an as-of replay compared with the live models, naming the option', async () => {
    await expect(replayReadModels({ store, projections: [departments], target: live, asOf: 'yesterday' })).rejects.toMatchObject({
      name: 'ReplayRequestError',
      field: 'asOf',
    });
    const both = replayReadModels({ store, projections: [departments], target: await fresh(), asOf: '2026-01-01T00:00:00Z', compareWith: { readStore: live } });
    await expect(both).rejects.toThrow(ReplayRequestError);
    await expect(both).rejects.toMatchObject({ field: 'compare' });
  });
});
