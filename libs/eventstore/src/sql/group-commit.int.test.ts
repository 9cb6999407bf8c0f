import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@ledger/events';
import type { SqlClient } from '@ledger/sql';
import { sqlEngines } from '@ledger/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateEventIdError } from '../append-plan.ts';
import { PartialDuplicateAppendError, WrongExpectedVersionError } from '../port.ts';
import { SqlEventStore } from './sql-event-store.ts';

const event = (type = 'Tick', eventId: string = randomUUID()): NewEvent => ({ eventId, type, schemaVersion: 1, data: { type } });
const stream = (name: string) => `${name}-${randomUUID()}`;

/** The SQL client, counting the batches written in one statement and the transactions of the slow path. */
function counting(sql: SqlClient) {
  const counts = { cleanBatches: 0, transactions: 0 };
  const client: SqlClient = {
    engine: sql.engine,
    close: () => sql.close(),
    query(text, params) {
      if (text.includes('ledger_append_clean_batch(')) counts.cleanBatches += 1;
      return sql.query(text, params);
    },
    transaction(work, options) {
      counts.transactions += 1;
      return sql.transaction(work, options);
    },
  };
  return { client, counts };
}

const outcome = (settled: PromiseSettledResult<unknown>) =>
  settled.status === 'fulfilled' ? 'ok' : (settled.reason as Error).name;

const engines = await sqlEngines(4);

describe.each(engines)('group commit of the SQL event store on %s', (_name, open) => {
  let sql: SqlClient;
  let dispose: () => Promise<void>;
  let store: SqlEventStore;
  let counts: { cleanBatches: number; transactions: number };

  beforeAll(async () => {
    ({ sql, dispose } = await open());
    const wrapped = counting(sql);
    counts = wrapped.counts;
    store = await SqlEventStore.open(wrapped.client);
  });
  afterAll(async () => {
    await sql?.close();
    await dispose?.();
  });
  beforeEach(() => {
    counts.cleanBatches = 0;
    counts.transactions = 0;
  });

  it('writes a clean batch of concurrent appends in one statement, each caller answered with its own result', async () => {
    const [a, b] = [stream('a'), stream('b')];
    const results = await Promise.all([
      store.append(a, [event('A1'), event('A2')], 'no-stream'),
      store.append(b, [event('B1')], 'no-stream'),
      store.append(a, [event('A3')], 1),
    ]);
    expect(counts).toEqual({ cleanBatches: 1, transactions: 0 });
    expect(results.map((result) => result.nextExpectedVersion)).toEqual([1, 0, 2]);
    const positions = results.flatMap((result) => result.positions);
    expect(positions).toEqual(positions.toSorted((x, y) => x - y));
    const read = await store.readStream(a);
    expect(read.map((recorded) => [recorded.type, recorded.streamVersion])).toEqual([['A1', 0], ['A2', 1], ['A3', 2]]);
    expect(read.map((recorded) => recorded.position)).toEqual([...results[0]!.positions, ...results[2]!.positions]);
    // One commit, one recording time for the whole batch.
    expect(new Set(read.map((recorded) => recorded.recordedAt)).size).toBe(1);
  });

  it('refuses only the appends of a batch whose expected version does not hold; the rest of the batch commits', async () => {
    const existing = stream('existing');
    await store.append(existing, [event('E0')], 'no-stream');
    counts.cleanBatches = 0;
    const [fresh, missing] = [stream('fresh'), stream('missing')];
    const settled = await Promise.allSettled([
      store.append(fresh, [event('F0')], 'no-stream'),
      store.append(existing, [event('conflict')], 'no-stream'),
      store.append(missing, [event('M0')], 0),
      store.append(existing, [event('E1')], 0),
    ]);
    expect(settled.map(outcome)).toEqual(['ok', 'WrongExpectedVersionError', 'WrongExpectedVersionError', 'ok']);
    expect(((settled[2] as PromiseRejectedResult).reason as WrongExpectedVersionError).actual).toBe(-1);
    // Tried in one statement, then decided append by append in one transaction: still one batch.
    expect(counts).toEqual({ cleanBatches: 1, transactions: 1 });
    expect((await store.readStream(existing)).map((recorded) => recorded.type)).toEqual(['E0', 'E1']);
    expect(await store.readStream(fresh)).toHaveLength(1);
    expect(await store.readStream(missing)).toHaveLength(0);
  });

  it('checks two appends to one stream in one batch in order, against each other', async () => {
    const shared = stream('shared');
    const settled = await Promise.allSettled([
      store.append(shared, [event('S0'), event('S1')], 'no-stream'),
      store.append(shared, [event('S2')], 1),
      store.append(shared, [event('late')], 1),
      store.append(shared, [event('S3')], 'any'),
    ]);
    expect(settled.map(outcome)).toEqual(['ok', 'ok', 'WrongExpectedVersionError', 'ok']);
    expect(((settled[2] as PromiseRejectedResult).reason as WrongExpectedVersionError).actual).toBe(2);
    expect(counts.transactions).toBe(1);
    expect((await store.readStream(shared)).map((recorded) => [recorded.type, recorded.streamVersion])).toEqual([
      ['S0', 0],
      ['S1', 1],
      ['S2', 2],
      ['S3', 3],
    ]);
  });

  it('keeps idempotency inside a batch: stored ids answer as the first time, a repeat within the batch answers as its first, a partial one is refused', async () => {
    const earlier = stream('earlier');
    const stored = [event('Stored0'), event('Stored1')];
    const first = await store.append(earlier, stored, 'no-stream');
    counts.cleanBatches = 0;
    const twice = stream('twice');
    const repeated = [event('Twice0')];
    const settled = await Promise.allSettled([
      store.append(earlier, stored, 'no-stream'),
      store.append(twice, repeated, 'no-stream'),
      store.append(twice, repeated, 'no-stream'),
      store.append(earlier, [stored[0]!, event('new')], 'any'),
      store.append(earlier, [event('Stored2')], 1),
    ]);
    expect(settled.map(outcome)).toEqual(['ok', 'ok', 'ok', 'PartialDuplicateAppendError', 'ok']);
    const [again, written, repeat] = settled.slice(0, 3).map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<SqlEventStore['append']>>>).value);
    // A written append tells when it was recorded (the writer need not read its stream again); a stored one does not.
    expect(first.recordedAt).toBe((await store.readStream(earlier))[0]!.recordedAt);
    expect(again).toEqual({ ...first, alreadyStored: true, recordedAt: undefined });
    expect(written!.alreadyStored).toBe(false);
    expect(repeat).toEqual({ ...written, alreadyStored: true });
    expect(((settled[3] as PromiseRejectedResult).reason as Error)).toBeInstanceOf(PartialDuplicateAppendError);
    expect((await store.readStream(earlier)).map((recorded) => recorded.type)).toEqual(['Stored0', 'Stored1', 'Stored2']);
    expect(await store.readStream(twice)).toHaveLength(1);
  });

  it('fails only the caller whose append the database refuses; the others of its batch commit', async () => {
    const [good, bad, twiceInOne] = [stream('good'), stream('bad'), stream('twice-in-one')];
    const id = randomUUID();
    const settled = await Promise.allSettled([
      store.append(good, [event('Good')], 'no-stream'),
      store.append(bad, [event('Bad', 'not-a-uuid')], 'no-stream'),
      store.append(twiceInOne, [event('One', id), event('Two', id)], 'no-stream'),
      store.append(good, [event('Good2')], 0),
    ]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
    expect((await store.readStream(good)).map((recorded) => recorded.type)).toEqual(['Good', 'Good2']);
    expect(await store.readStream(bad)).toHaveLength(0);
    expect(await store.readStream(twiceInOne)).toHaveLength(0);
  });

  it('never lets recordedAt go back along the global order, batch after batch', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, index) => store.append(stream('clock'), [event(`T${index}`)], 'no-stream')));
    const all = await store.readAll({ after: 0, limit: 10_000 });
    const times = all.map((recorded) => Date.parse(recorded.recordedAt));
    expect(times).toEqual(times.toSorted((x, y) => x - y));
  });
});
