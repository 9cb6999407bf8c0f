import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@ledger/events';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { createLogger } from '@ledger/platform';
import { openPglite, type SqlClient } from '@ledger/sql';
import { countingSqlClient, waitUntil } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoisonMessageError } from '../port.ts';
import { sqlCheckpointStore } from '../sql-checkpoints.ts';
import { embeddedBus, sqlDeadLetters } from './store-bus.ts';

const department = (departmentId: string) => ({
  eventId: randomUUID(),
  type: 'DepartmentRegistered',
  schemaVersion: 1,
  data: { departmentId, name: `Department ${departmentId}`, category: 'vertical', at: '2026-01-01T00:00:00Z' },
});

describe('the embedded bus', () => {
  let sql: SqlClient;
  let store: SqlEventStore;
  const logger = createLogger({ level: 'silent' });
  beforeAll(async () => {
    sql = await openPglite();
    store = await SqlEventStore.open(sql, { idlePollMs: 20 });
  });
  afterAll(() => sql.close());

  const busOf = async () => embeddedBus({ store, checkpoints: await sqlCheckpointStore(sql), deadLetters: await sqlDeadLetters(sql), logger });

  it('delivers every event of the services a consumer reads, in order, and resumes after a restart', async () => {
    const streams = ['r1', 'r2', 'r3'].map((id) => `department-${id}-${randomUUID()}`);
    await store.append(streams[0]!, [department('r1')], 'no-stream');
    const seen: string[] = [];
    const consumer = { name: `c-${randomUUID()}`, services: ['evaluations'] as const, handle: async (event: RecordedEvent) => void seen.push(event.streamId) };
    const bus = await busOf();
    const first = await bus.start(consumer);
    await store.append(streams[1]!, [department('r2')], 'no-stream');
    await waitUntil(() => seen.includes(streams[1]!));
    await first.stop();
    await store.append(streams[2]!, [department('r3')], 'no-stream');
    const second = await (await busOf()).start(consumer);
    await waitUntil(() => seen.includes(streams[2]!));
    await second.stop();
    // The ledger may hold other tests' events: look only at ours. Nothing lost, nothing twice (clean stop).
    expect(seen.filter((streamId) => streams.includes(streamId))).toEqual(streams);
  });

  it('retries a failing handler until it succeeds, without skipping the event', async () => {
    const streamId = `department-retry-${randomUUID()}`;
    let failuresLeft = 3;
    const handled: string[] = [];
    const handle = await (await busOf()).start({
      name: `c-${randomUUID()}`,
      services: ['evaluations'],
      async handle(event) {
        if (event.streamId !== streamId) return;
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('store briefly unavailable');
        }
        handled.push(event.eventId);
      },
    });
    await store.append(streamId, [department('retry')], 'no-stream');
    await waitUntil(() => handled.length === 1);
    await handle.stop();
    expect(failuresLeft).toBe(0);
  });

  it('records a poison message as a dead letter and carries on', async () => {
    const poisonStream = `department-poison-${randomUUID()}`;
    const goodStream = `department-good-${randomUUID()}`;
    const handled: string[] = [];
    const name = `c-${randomUUID()}`;
    const handle = await (await busOf()).start({
      name,
      services: ['evaluations'],
      async handle(event) {
        if (event.streamId === poisonStream) throw new PoisonMessageError('names a department that cannot exist');
        handled.push(event.streamId);
      },
    });
    await store.append(poisonStream, [department('poison')], 'no-stream');
    await store.append(goodStream, [department('good')], 'no-stream');
    await waitUntil(() => handled.includes(goodStream));
    await handle.stop();
    const letters = await sql.query<{ reason: string }>('select reason from dead_letters where consumer = $1', [name]);
    expect(letters.rows).toEqual([{ reason: 'names a department that cannot exist' }]);
  });

  it('moves its checkpoint to the head over trailing events of services the consumer does not read', async () => {
    const checkpoints = await sqlCheckpointStore(sql);
    const name = `c-${randomUUID()}`;
    const handle = await (await busOf()).start({ name, services: ['discipline'], handle: async () => {} });
    await store.append(`department-skipped-${randomUUID()}`, [department('skipped')], 'no-stream');
    const head = await store.headPosition();
    await waitUntil(async () => (await checkpoints.load(name)) === head);
    await handle.stop();
  });

  it('dead-letters an event its schema refuses instead of retrying it forever', async () => {
    const name = `c-${randomUUID()}`;
    const invalidStream = `department-invalid-${randomUUID()}`;
    const goodStream = `department-after-invalid-${randomUUID()}`;
    const handled: string[] = [];
    const handle = await (await busOf()).start({ name, services: ['evaluations'], handle: async (event) => void handled.push(event.streamId) });
    await store.append(invalidStream, [{ ...department('bad'), data: { departmentId: 'bad', category: 'nonsense' } }], 'no-stream');
    await store.append(goodStream, [department('good')], 'no-stream');
    await waitUntil(() => handled.includes(goodStream));
    await handle.stop();
    expect(handled).not.toContain(invalidStream);
    const letters = await sql.query<{ reason: string }>('select reason from dead_letters where consumer = $1', [name]);
    expect(letters.rows).toEqual([{ reason: expect.stringMatching(/^invalid DepartmentRegistered/) }]);
  });

  it('hands independent events of a batch at once, so that their appends share one group commit, each retried alone', async () => {
    // Its own sole-writer store (as embedded PGlite runs), counting the append statements.
    const counted = countingSqlClient(await openPglite());
    const soleStore = await SqlEventStore.open(counted, { soleWriter: true, idlePollMs: 20 });
    const appendStatements = () => counted.log.filter(({ text }) => text.includes('ledger_append_clean_batch')).length;
    const effects = async (independentEvents: boolean) => {
      const prefix = `department-source-${randomUUID()}`;
      let failOnce = true;
      const handled: string[] = [];
      const bus = embeddedBus({ store: soleStore, checkpoints: await sqlCheckpointStore(counted), deadLetters: await sqlDeadLetters(counted), logger });
      const handle = await bus.start({
        name: `c-${randomUUID()}`,
        services: ['evaluations'],
        independentEvents,
        async handle(event) {
          if (event.streamId !== prefix) return;
          await soleStore.readStream(prefix);
          // The third event fails once: it alone is retried, its effect stored once.
          if (event.streamVersion === 2 && failOnce) {
            failOnce = false;
            throw new Error('store briefly unavailable');
          }
          await soleStore.append(`department-effect-${event.eventId}`, [department('effect')], 'no-stream');
          handled.push(event.eventId);
        },
      });
      const { positions } = await soleStore.append(prefix, Array.from({ length: 6 }, () => department('source')), 'no-stream');
      const before = appendStatements();
      await waitUntil(() => handled.length === 6);
      expect(await bus.caughtUp(positions.at(-1)!, 10_000)).toBe(true);
      const statements = appendStatements() - before;
      await handle.stop();
      await bus.close();
      const stored = await Promise.all(handled.map(async (eventId) => (await soleStore.readStream(`department-effect-${eventId}`)).length));
      expect(new Set(handled).size).toBe(6);
      expect(stored).toEqual([1, 1, 1, 1, 1, 1]);
      return statements;
    };
    // One by one: an append (and its commit) for each event. Together: the five that succeed in one, the retried one alone.
    expect(await effects(false)).toBe(6);
    expect(await effects(true)).toBe(2);
    await counted.close();
  });

  it('tells when every running consumer has handled a position, without waiting for one that fails or stops', async () => {
    const bus = await busOf();
    const streamId = `department-caught-up-${randomUUID()}`;
    const { promise: gate, resolve: release } = Promise.withResolvers<void>();
    let failing = false;
    const slow = await bus.start({
      name: `slow-${randomUUID()}`,
      services: ['evaluations'],
      async handle(event) {
        if (event.streamId === streamId) await gate;
      },
    });
    const broken = await bus.start({
      name: `broken-${randomUUID()}`,
      services: ['evaluations'],
      async handle(event) {
        if (event.streamId !== streamId) return;
        failing = true;
        throw new Error('store briefly unavailable');
      },
    });
    const { positions } = await store.append(streamId, [department('caught-up')], 'no-stream');
    const position = positions[0]!;
    // The slow consumer holds it: not caught up within the bound, and no answer before the bound either.
    expect(await bus.caughtUp(position, 50)).toBe(false);
    const caughtUp = bus.caughtUp(position, 10_000);
    release();
    // The broken one retries forever: it is not waited for once it fails.
    expect(await caughtUp).toBe(true);
    expect(failing).toBe(true);
    await broken.stop();
    await slow.stop();
    // Nobody runs: nothing to wait for.
    expect(await bus.caughtUp(position + 1_000, 10_000)).toBe(true);
    await bus.close();
  });
});
