import { randomUUID } from 'node:crypto';
import { connectPostgres, type SqlClient } from '@ledger/sql';
import { findEngine, freshPostgresDatabase } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlEventStore } from './sql-event-store.ts';

const postgres = await findEngine('postgres');

// A session keeps the plans of `ledger_append_clean_batch` once made (PL/pgSQL caches a generic plan after the fifth
// call). A store that starts on a new or small ledger makes them while the table is a page or two, where reading the
// whole table looked cheapest for the check of stored event ids; that plan was then kept while the ledger grew, so
// every batch read the whole ledger (the store-append benchmark lost half its rate within its 3 seconds).
describe.runIf(postgres.available)('the clean-batch statement on a ledger that grew after its plan was made (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let sql: SqlClient;

  beforeAll(async () => {
    database = await freshPostgresDatabase((postgres as { url: string }).url);
    // One connection: the plans made on the small ledger are the ones used after it grew.
    sql = connectPostgres({ connectionString: database.url, maxConnections: 1 });
  });
  afterAll(async () => {
    await sql?.close();
    await database?.drop();
  });

  const sequentialScans = async () => {
    // The backend's counters reach the statistics at the end of the next transaction, not up to a second later.
    await sql.query('select pg_stat_force_next_flush()');
    const { rows } = await sql.query<{ seq_scan: number }>(`select seq_scan from pg_stat_user_tables where relname = 'ledger_events'`);
    return Number(rows[0]!.seq_scan);
  };

  it('still finds stored ids and stream versions by index, never by reading the whole ledger', async () => {
    const store = await SqlEventStore.open(sql);
    const append = () => store.append(`small-${randomUUID()}`, [{ eventId: randomUUID(), type: 'Tick', schemaVersion: 1, data: {} }], 'no-stream');
    for (let batch = 0; batch < 8; batch += 1) await append();
    await sql.query(
      `insert into ledger_events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
       select gen_random_uuid(), 'bulk-' || (n % 1000), n / 1000, 'Tick', 1, '{}', '{}', now(), now() from generate_series(0, 49999) n`,
    );
    const before = await sequentialScans();
    await append();
    expect(await sequentialScans()).toBe(before);
  });
});
