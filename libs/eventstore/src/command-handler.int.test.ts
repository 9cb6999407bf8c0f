import { openPglite, type SqlClient } from '@ledger/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decider } from '@ledger/decider';
import { IdempotencyKeyReusedError, executeCommand } from './command-handler.ts';
import { SqlEventStore } from './sql/sql-event-store.ts';

// A small real decider over a catalogue event: a department whose name may be changed, never to the same name.
type Event = { type: 'DepartmentRegistered' | 'DepartmentChanged'; data: { departmentId: string; name: string; category: 'vertical'; at: string } };
type State = { names: string[] };
type Command = { name: string };
const renames: Decider<Command, State, Event, { kind: 'conflict'; code: string; message: string }> = {
  initialState: { names: [] },
  evolve: (state, event) => ({ names: [...state.names, event.data.name] }),
  decide(command, state) {
    if (state.names.at(-1) === command.name) return { ok: false, error: { kind: 'conflict', code: 'same-name', message: 'same name' } };
    const type = state.names.length === 0 ? 'DepartmentRegistered' : 'DepartmentChanged';
    return { ok: true, events: [{ type, data: { departmentId: 'd', name: command.name, category: 'vertical', at: '2026-01-01T00:00:00Z' } }] };
  },
};

describe('executeCommand', () => {
  let sql: SqlClient;
  let store: SqlEventStore;
  beforeAll(async () => {
    sql = await openPglite();
    store = await SqlEventStore.open(sql);
  });
  afterAll(() => sql.close());

  /** The store, counting its stream reads. */
  const reads = () => {
    let count = 0;
    const counted = Object.create(store) as SqlEventStore;
    counted.readStream = (...args) => {
      count += 1;
      return store.readStream(...args);
    };
    return { store: counted, count: () => count };
  };

  it('decides on the folded stream and appends the events', async () => {
    const first = await executeCommand(store, 'dept-a', renames, { name: 'One' });
    const second = await executeCommand(store, 'dept-a', renames, { name: 'Two' });
    expect(first.ok && second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.state.names).toEqual(['One', 'Two']);
    expect(second.events.map((event) => [event.type, event.streamVersion])).toEqual([['DepartmentChanged', 1]]);
  });

  it('writes nothing when the decider refuses', async () => {
    await executeCommand(store, 'dept-b', renames, { name: 'Same' });
    const refused = await executeCommand(store, 'dept-b', renames, { name: 'Same' });
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'same-name' }) });
    expect(await store.readStream('dept-b')).toHaveLength(1);
  });

  it('answers a repeated idempotency key as the first time and appends once', async () => {
    const context = { idempotencyKey: 'key-1', requestFingerprint: 'f1', actor: 'intake-clerk:alice' };
    const first = await executeCommand(store, 'dept-c', renames, { name: 'X' }, context);
    await executeCommand(store, 'dept-c', renames, { name: 'Y' });
    const again = await executeCommand(store, 'dept-c', renames, { name: 'X' }, context);
    expect(again.ok && again.replayed).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.events.map((event) => event.eventId)).toEqual(first.events.map((event) => event.eventId));
    // The answer is the state right after the first execution, not after later commands.
    expect(again.state.names).toEqual(['X']);
    expect((await store.readStream('dept-c')).map((event) => event.data)).toHaveLength(2);
    await expect(executeCommand(store, 'dept-c', renames, { name: 'Z' }, { ...context, requestFingerprint: 'other' })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('re-decides on the new state when another writer got there first: every command lands once', async () => {
    const names = Array.from({ length: 10 }, (_, index) => `Name ${index}`);
    const results = await Promise.all(names.map((name) => executeCommand(store, 'dept-d', renames, { name })));
    expect(results.every((result) => result.ok)).toBe(true);
    const stored = await store.readStream('dept-d');
    expect(stored.map((event) => event.streamVersion)).toEqual(names.map((_, index) => index));
    expect(stored.map((event) => (event.data as { name: string }).name).sort()).toEqual([...names].sort());
  });

  it('gives two concurrent requests with one key one set of events', async () => {
    const context = { idempotencyKey: 'key-race', requestFingerprint: 'f' };
    const [a, b] = await Promise.all([
      executeCommand(store, 'dept-e', renames, { name: 'Raced' }, context),
      executeCommand(store, 'dept-e', renames, { name: 'Raced' }, context),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(await store.readStream('dept-e')).toHaveLength(1);
  });

  describe('on a stream the caller expects to be new (likelyNewStream)', () => {
    it('appends without reading the stream when it is new', async () => {
      const counted = reads();
      const result = await executeCommand(counted.store, 'dept-new-1', renames, { name: 'First' }, { likelyNewStream: true });
      expect(result.ok && result.events.map((event) => [event.type, event.streamVersion])).toEqual([['DepartmentRegistered', 0]]);
      expect(result.ok && result.state.names).toEqual(['First']);
      expect(counted.count()).toBe(0);
    });

    it('decides again on the stream as read when it exists: as without the hint, nothing written on the guess', async () => {
      await executeCommand(store, 'dept-new-2', renames, { name: 'One' });
      const changed = await executeCommand(store, 'dept-new-2', renames, { name: 'Two' }, { likelyNewStream: true });
      expect(changed.ok && changed.events.map((event) => [event.type, event.streamVersion])).toEqual([['DepartmentChanged', 1]]);
      const refused = await executeCommand(store, 'dept-new-2', renames, { name: 'Two' }, { likelyNewStream: true });
      expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'same-name' }) });
      expect((await store.readStream('dept-new-2')).map((event) => event.type)).toEqual(['DepartmentRegistered', 'DepartmentChanged']);
    });

    it('answers a repeated idempotency key from the stream, appending once', async () => {
      const context = { idempotencyKey: 'key-new', requestFingerprint: 'f', likelyNewStream: true };
      const first = await executeCommand(store, 'dept-new-3', renames, { name: 'X' }, context);
      const again = await executeCommand(store, 'dept-new-3', renames, { name: 'X' }, context);
      expect(again.ok && again.replayed).toBe(true);
      expect(first.ok && again.ok && again.events.map((event) => event.eventId)).toEqual(first.ok && first.events.map((event) => event.eventId));
      expect(await store.readStream('dept-new-3')).toHaveLength(1);
    });
  });
});
