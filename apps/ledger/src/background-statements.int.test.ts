import { AsyncLocalStorage } from 'node:async_hooks';
import { openPglite } from '@ledger/sql';
import { type CountingSqlClient, countingSqlClient } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { as } from '@ledger/testing/ledger';
import { startTestLedger } from './test-ledger.testkit.ts';

// What a write costs the database besides its request: the in-process consumers' work, counted statement by
// statement on embedded PGlite. The host is started in an async context of its own, so every statement of its
// background loops (the bus's reader and consumers, their timers) carries the tag 'host'; the test's own carry
// 'test'. Before the shared reader it was 26 for a rating: each of the 11 consumers read the event and wrote
// its checkpoint.
describe('background statements of one write, embedded', () => {
  const context = new AsyncLocalStorage<string>();
  let sql: CountingSqlClient;
  let ledger: LedgerHost;
  const tagged = <T>(tag: string, work: () => Promise<T>) => context.run(tag, work);

  beforeAll(async () => {
    sql = countingSqlClient(await openPglite(), { tagOf: () => context.getStore() });
    // No timers: appends wake the bus at once; the Merkle log follows only on demand here.
    ledger = await tagged('host', () => startTestLedger({ sql, idlePollMs: 3_600_000, logFollowIntervalMs: 3_600_000, checkpointIntervalMs: 0 }));
    const department = await ledger.app.inject({ method: 'PUT', url: '/v1/departments/permits', headers: as('evaluation-office'), payload: { name: 'Permits', category: 'service-facing' } });
    expect(department.statusCode).toBe(200);
    await tagged('test', () => ledger.settled());
    await tagged('host', () => ledger.bus.flushCheckpoints());
  });
  afterAll(() => ledger?.stop());

  it('a rating costs two statements in the background: one write for the three read models that keep it, one lazy save (the bad-review processor\'s checkpoint with the others\')', async () => {
    sql.reset();
    const rating = await tagged('test', () =>
      ledger.app.inject({ method: 'POST', url: '/v1/ratings', headers: as('service'), payload: { transactionId: 'tx-counted', departmentId: 'permits', platform: 'qr-code', level: 4 } }),
    );
    expect(rating.statusCode).toBe(201);
    await tagged('test', () => ledger.settled());
    // The positions the other consumers passed over, saved together: the bus's timer does it a second later.
    await tagged('host', () => ledger.bus.flushCheckpoints());

    const background = sql.log.filter((entry) => entry.tag === 'host').map((entry) => entry.text.replaceAll(/\s+/g, ' '));
    // The bad-review processor (SPEC 11) reads every rating and opens a case for a level 1 or 2: for this level 4
    // it writes nothing, and its checkpoint moves lazily with those of the consumers that passed the rating over.
    expect(background, background.join('\n')).toHaveLength(2);
    // The shared reader is handed the rating from the store's memory: the store is PGlite's one writer, and keeps
    // what it committed last (RecentEvents), so it reads nothing.
    expect(background.filter((text) => text.includes('from ledger_events where position >'))).toHaveLength(0);
    // Three read models keep ratings: each unit stores its documents and its checkpoint, and the units of the batch
    // the shared reader handed them in one turn share one statement, their documents one insert, their checkpoints another.
    const writes = background.filter((text) => text.startsWith('with part_1 as (insert into read_documents'));
    expect(writes).toHaveLength(1);
    expect(writes.join(' ').match(/insert into read_documents/g)).toHaveLength(1);
    expect(writes.join(' ').match(/insert into consumer_checkpoints/g)).toHaveLength(1);

    const stored = await tagged('test', () => ledger.sql.query<{ collection: string }>("select collection from read_documents where id = 'tx-counted' order by collection"));
    expect(stored.rows.map((row) => row.collection)).toEqual(['discipline-rating-facts', 'evaluations_ratings', 'rankings-input-ratings']);
    // Each of the three checkpoints moved to the rating in that one insert.
    const { rows: [last] } = await tagged('test', () => ledger.sql.query<{ position: number }>('select max(position) as position from ledger_events'));
    const checkpoints = await tagged('test', () =>
      ledger.sql.query<{ name: string }>(
        "select name from consumer_checkpoints where name in ('evaluations.rating-facts', 'discipline.department-ratings', 'rankings.period-inputs') and position = $1 order by name",
        [last!.position],
      ),
    );
    expect(checkpoints.rows.map((row) => row.name)).toEqual(['discipline.department-ratings', 'evaluations.rating-facts', 'rankings.period-inputs']);
  });
});
