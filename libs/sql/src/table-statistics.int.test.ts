import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countingSqlClient } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPglite } from './pglite.ts';
import { keepTableStatistics } from './table-statistics.ts';

// PGlite runs no autovacuum: without the keeper a table's statistics stay those of its creation. The keeper's
// timer is kept out of the way here (an hour) and passes are run by hand, except in the test of its timer.
describe('table statistics kept on embedded PGlite', () => {
  let sql: ReturnType<typeof countingSqlClient>;
  const logger = { info: vi.fn(), debug: vi.fn(), warn: vi.fn() };
  const hour = 3_600_000;

  beforeAll(async () => {
    sql = countingSqlClient(await openPglite());
    // As the event store reads events after a position (the shared reader, a replay): a range of the primary key.
    await sql.query('create table events (position bigint primary key, payload text not null)');
    await sql.query('create table few (id int primary key)');
    await sql.query('insert into few select g from generate_series(1, 20) g');
  });
  afterAll(() => sql.close());

  const estimatedRows = async (table: string) => (await sql.query<{ rows: number }>('select reltuples::float8 as rows from pg_class where relname = $1', [table])).rows[0]!.rows;
  /** The top node of the plan of a read of the last ten events, and the rows the planner expects. */
  const planOfRecentEvents = async () => {
    const [explained] = (await sql.query<{ 'QUERY PLAN': [{ Plan: { 'Node Type': string; 'Index Name'?: string; 'Plan Rows': number } }] }>('explain (format json) select payload from events where position > 19990')).rows;
    const plan = explained!['QUERY PLAN'][0].Plan;
    return { node: plan['Node Type'], index: plan['Index Name'], rows: plan['Plan Rows'] };
  };

  it('analyzes a table once its rows changed past autovacuum\'s rule: the row estimate nears the real count and a range of the key is read by the index', async () => {
    await sql.query("insert into events select g, repeat('x', 40) from generate_series(1, 20000) g");
    // Never analyzed: no histogram, so a range is guessed as a third of the table, read by a bitmap of it or whole.
    expect(await estimatedRows('events')).toBeLessThan(1);
    const before = await planOfRecentEvents();
    expect(before.node).not.toBe('Index Scan');
    expect(before.rows).toBeGreaterThan(5_000);

    const keeper = keepTableStatistics(sql, { logger, intervalMs: hour });
    try {
      expect(await keeper.checkNow()).toEqual(['events']);
    } finally {
      await keeper.stop();
    }

    expect(await estimatedRows('events')).toBeGreaterThan(19_000);
    expect(await estimatedRows('events')).toBeLessThan(21_000);
    // Its histogram knows the ten: probed by the primary key.
    expect(await planOfRecentEvents()).toEqual({ node: 'Index Scan', index: 'events_pkey', rows: expect.any(Number) });
    expect((await planOfRecentEvents()).rows).toBeLessThan(100);
    expect(logger.info).toHaveBeenCalledWith(expect.objectContaining({ table: 'events', durationMs: expect.any(Number), modifiedRows: 20_000 }), expect.stringContaining('ANALYZE'));
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('leaves alone the tables with few changes since their last analyze (under 50 + 10 % of their rows)', async () => {
    await sql.query("insert into events select g, 'y' from generate_series(20001, 20500) g");
    const lastAnalyze = async () => (await sql.query<{ at: unknown }>("select last_analyze as at from pg_stat_user_tables where relname = 'events'")).rows[0]!.at;
    const before = await lastAnalyze();
    const keeper = keepTableStatistics(sql, { logger, intervalMs: hour });
    try {
      // 500 new events of 20,000 (2,050 needed), and 20 rows in `few` (50 needed).
      expect(await keeper.checkNow()).toEqual([]);
    } finally {
      await keeper.stop();
    }
    expect(await lastAnalyze()).toEqual(before);
    expect(await estimatedRows('few')).toBeLessThan(1);
  });

  it('checks on its timer, and after stop runs no statement and sets no timer again', async () => {
    await sql.query("insert into events select g, 'z' from generate_series(20501, 25000) g");
    logger.info.mockClear();
    const keeper = keepTableStatistics(sql, { logger, intervalMs: 5, firstCheckMs: 5 });
    await vi.waitFor(() => expect(logger.info).toHaveBeenCalledWith(expect.objectContaining({ table: 'events' }), expect.any(String)), { timeout: 5_000 });
    await keeper.stop();
    sql.reset();
    // Many intervals later: nothing ran.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sql.log).toEqual([]);
    expect(await keeper.checkNow()).toEqual([]);
    expect(sql.log).toEqual([]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('analyzes a table that grew before a restart: PGlite forgets its change counters at every start, pg_class keeps the size last analyzed', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'table-statistics-'));
    try {
      const first = await openPglite(join(folder, 'pglite'));
      await first.query('create table grown (id int primary key, payload text not null)');
      await first.query("insert into grown select g, repeat('x', 40) from generate_series(1, 20000) g");
      await first.close();
      const second = await openPglite(join(folder, 'pglite'));
      try {
        await second.query('select pg_stat_force_next_flush()');
        expect((await second.query<{ modified: number }>("select n_mod_since_analyze::float8 as modified from pg_stat_user_tables where relname = 'grown'")).rows).toEqual([{ modified: 0 }]);
        const keeper = keepTableStatistics(second, { logger, intervalMs: hour });
        try {
          expect(await keeper.checkNow()).toEqual(['grown']);
          // Analyzed: its size is the one its statistics know, so the next pass leaves it.
          expect(await keeper.checkNow()).toEqual([]);
        } finally {
          await keeper.stop();
        }
        expect((await second.query<{ rows: number }>("select reltuples::float8 as rows from pg_class where relname = 'grown'")).rows[0]!.rows).toBeGreaterThan(19_000);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('logs a warning and keeps going when a pass fails', async () => {
    const failing = { query: vi.fn(async () => Promise.reject(new Error('database gone'))) };
    const warn = vi.fn();
    const keeper = keepTableStatistics(failing, { logger: { ...logger, warn }, intervalMs: 5, firstCheckMs: 5 });
    await vi.waitFor(() => expect(warn.mock.calls.length).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
    await keeper.stop();
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), expect.stringContaining('failed'));
  });
});
