import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlQueryable } from './client.ts';

/**
 * Opens (or creates) an embedded PostgreSQL in `dataDir`; with no folder the database lives in memory.
 * PGlite is one connection: its transactions run one at a time, which our SQL already assumes.
 */
export async function openPglite(dataDir?: string): Promise<SqlClient> {
  const db = await PGlite.create(dataDir ?? 'memory://', {
    // int8 as a JS number, matching the pg adapter (see postgres.ts).
    parsers: { 20: (value: string) => Number(value) },
  });
  const asQueryable = (target: Pick<PGlite, 'query'>): SqlQueryable => ({
    query: async (text, params) => {
      const result = await target.query(text, params as unknown[]);
      return { rows: result.rows as never[] };
    },
  });
  const root = asQueryable(db);
  return {
    engine: 'pglite',
    query: root.query,
    transaction: (work) => db.transaction((tx) => work(asQueryable(tx))),
    close: () => db.close(),
  };
}
