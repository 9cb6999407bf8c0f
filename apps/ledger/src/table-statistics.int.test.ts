import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { startTestLedger } from './test-ledger.testkit.ts';

// The embedded host keeps its PGlite's planner statistics (no autovacuum there): a table that grew is analyzed on
// the host's timer, and the host's stop ends the passes before the database closes (no warning of a statement on a
// closed database).
describe('table statistics on the embedded host', () => {
  it('analyzes a table that grew, logs it, and stops with the host', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const ledger = await startTestLedger({ logger: pino({ level: 'info' }, sink), tableStatisticsIntervalMs: 20 });
    let stopped = false;
    try {
      expect(ledger.sql.engine).toBe('pglite');
      await ledger.sql.query(
        "insert into read_documents (collection, id, doc) select 'statistics-test', 'doc-' || g, jsonb_build_object('n', g) from generate_series(1, 2000) g",
      );
      await vi.waitFor(() => expect(lines).toContainEqual(expect.objectContaining({ component: 'table-statistics', table: 'read_documents', durationMs: expect.any(Number) })), {
        timeout: 10_000,
        interval: 20,
      });
      const estimate = await ledger.sql.query<{ rows: number }>("select reltuples::float8 as rows from pg_class where relname = 'read_documents'");
      expect(estimate.rows[0]!.rows).toBeGreaterThanOrEqual(2000);
      await ledger.stop();
      stopped = true;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(lines.filter((line) => line.component === 'table-statistics' && Number(line.level) >= 40)).toEqual([]);
    } finally {
      if (!stopped) await ledger.stop();
    }
  });
});
