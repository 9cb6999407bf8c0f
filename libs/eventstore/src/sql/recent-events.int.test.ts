import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@ledger/events';
import { openPglite } from '@ledger/sql';
import { type CountingSqlClient, countingSqlClient, eventStoreContract } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WrongExpectedVersionError } from '../port.ts';
import { SqlEventStore } from './sql-event-store.ts';

// The sole writer keeps the events it committed last and answers readAll from them (issue 9: the read after each
// append was a statement a write on embedded PGlite). Every contract behaviour holds that way too.
eventStoreContract('SQL adapter on embedded PGlite, as the sole writer', async () => {
  const sql = await openPglite();
  return { store: await SqlEventStore.open(sql, { soleWriter: true }), dispose: () => sql.close() };
});

const event = (data: unknown, more: Partial<NewEvent> = {}): NewEvent => ({ eventId: randomUUID(), type: 'TestHappened', schemaVersion: 1, data, ...more });

describe('the events the sole writer committed last', () => {
  let sql: CountingSqlClient;
  let writer: SqlEventStore;
  /** The same database read by a store that keeps nothing: what a query answers. */
  let reader: SqlEventStore;

  beforeAll(async () => {
    sql = countingSqlClient(await openPglite());
    writer = await SqlEventStore.open(sql, { soleWriter: true, recentEvents: 8 });
    reader = await SqlEventStore.open(sql);
  });
  afterAll(() => sql.close());

  /** From memory, and the statements that took. */
  const fromMemory = async (after: number, limit = 100) => {
    sql.reset();
    const events = await writer.readAll({ after, limit });
    return { events, statements: sql.statements };
  };

  it('answers the events of clean batches exactly as a query does, in the same text, without a statement', async () => {
    const start = await reader.headPosition();
    const odd = {
      zeta: 1,
      a: { 'long key': [{ y: 2, x: null }], b: true, '10': 'ten', '2': 'two' },
      é: 'accented key: longer in UTF-8 than its one character',
      e: 'plain',
      gone: undefined,
      when: new Date('2026-03-01T01:02:03.004Z'),
      ['__proto__']: 'a member, not a prototype',
    };
    // ASCII keys of one length in every case and punctuation (jsonb: by bytes, 'B' < '_' < 'a'), alone in an object.
    const ascii = { b: { aB: 1, Ab: 2, _a: 3, a_: 4, '~': 5, ' ': 6, BB: 7, bb: 8, '0': 9, '00': 10 } };
    const stream = `recent-${randomUUID()}`;
    // Concurrent appends: one group commit, one clean batch.
    await Promise.all([
      writer.append(stream, [event(odd, { metadata: { commandId: 'c', actor: 'tester' } })], 'no-stream'),
      writer.append(`${stream}-b`, [event({ n: 1 }, { occurredAt: '2026-01-02T03:04:05.678Z' }), event({ n: 2 }), event(ascii)], 'no-stream'),
    ]);
    const { events, statements } = await fromMemory(start);
    expect(statements).toBe(0);
    const queried = await reader.readAll({ after: start, limit: 100 });
    expect(events).toHaveLength(4);
    expect(JSON.stringify(events)).toBe(JSON.stringify(queried));
    // Pages from memory as from the database.
    expect((await fromMemory(events[0]!.position, 1)).events).toEqual([queried[1]]);
    expect((await fromMemory(events.at(-1)!.position)).events).toEqual([]);
  });

  it('forgets everything after a batch decided append by append, and holds again from the next clean batch on', async () => {
    const stream = `recent-${randomUUID()}`;
    await writer.append(stream, [event({ n: 0 })], 'no-stream');
    const before = await reader.headPosition();
    // A refused append makes its batch go the long way: held no more, read from the database.
    await expect(writer.append(stream, [event({ n: 1 })], 'no-stream')).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect((await fromMemory(before)).statements).toBe(1);
    // The next clean batch is held, and readers from before it go to the database.
    const { positions } = await writer.append(stream, [event({ n: 1 })], 0);
    expect((await fromMemory(positions[0]! - 1)).statements).toBe(0);
    expect((await fromMemory(before - 1)).statements).toBe(1);
    expect(await writer.readAll({ after: before - 1, limit: 10 })).toEqual(await reader.readAll({ after: before - 1, limit: 10 }));
  });

  it('keeps only the last events, and answers older ones from the database', async () => {
    const first = await reader.headPosition();
    for (let n = 0; n < 12; n += 1) await writer.append(`recent-${randomUUID()}`, [event({ n })], 'no-stream');
    // 8 kept: the last 8 from memory, a reader from further back through a query.
    const lastEight = (await reader.readAll({ after: first, limit: 100 })).slice(-8);
    const held = await fromMemory(lastEight[0]!.position - 1);
    expect(held.statements).toBe(0);
    expect(held.events).toEqual(lastEight);
    expect((await fromMemory(first)).statements).toBe(1);
  });

  it('holds nothing it could not give back exactly: a zone-less business time is read back from the database', async () => {
    const head = await reader.headPosition();
    await writer.append(`recent-${randomUUID()}`, [event({ n: 1 }, { occurredAt: '2026-01-02T03:04:05' })], 'no-stream');
    const read = await fromMemory(head);
    expect(read.statements).toBe(1);
    expect(read.events).toEqual(await reader.readAll({ after: head, limit: 10 }));
  });
});
