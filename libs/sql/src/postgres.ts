import pg from 'pg';
import type { SqlClient, SqlQueryable } from './client.ts';

// int8 (bigint) columns come back as strings by default; positions fit in a JS number for any
// plausible ledger (2^53 events), so parse them once here rather than at every call site.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface PostgresOptions {
  connectionString: string;
  maxConnections?: number;
  applicationName?: string;
}

export function connectPostgres(options: PostgresOptions): SqlClient {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'accountability-ledger',
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return {
    engine: 'postgres',
    query: async (text, params) => pool.query(text, params as unknown[]) as never,
    async transaction(work, transactionOptions = {}) {
      const lock = transactionOptions.advisoryLock;
      if (lock !== undefined && !Number.isSafeInteger(lock)) throw new Error(`advisory lock key must be an integer, got ${lock}`);
      const client = await pool.connect();
      try {
        // Without parameters, both statements go in one simple query: one round trip instead of two.
        await client.query(lock === undefined ? 'BEGIN' : `BEGIN; SELECT pg_advisory_xact_lock(${lock})`);
        const tx: SqlQueryable = { query: async (text, params) => client.query(text, params as unknown[]) as never };
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
