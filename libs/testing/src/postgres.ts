import { randomBytes } from 'node:crypto';
import { connectPostgres, openPglite, type SqlClient } from '@ledger/sql';
import { findEngine } from './engines.ts';

/**
 * A database of its own for one test file on a real PostgreSQL server, dropped afterwards, so that
 * test files running in parallel never see each other's rows.
 */
export async function freshPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ledger_test_${randomBytes(6).toString('hex')}`;
  const admin: SqlClient = connectPostgres({ connectionString: serverUrl, maxConnections: 1 });
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

/** One SQL engine a test runs on: its name (for `describe.each`) and how to open a client of its own. */
export type SqlEngine = [name: string, open: () => Promise<{ sql: SqlClient; dispose(): Promise<void> }>];

/**
 * The SQL engines a test of the SQL adapters runs on: PGlite always, and a fresh database on the PostgreSQL server
 * when one is found (`findEngine`), with a pool of `maxConnections`; `dispose` drops the database.
 */
export async function sqlEngines(maxConnections: number): Promise<SqlEngine[]> {
  const engines: SqlEngine[] = [['PGlite', async () => ({ sql: await openPglite(), dispose: async () => {} })]];
  const postgres = await findEngine('postgres');
  if (postgres.available) {
    engines.push([
      'PostgreSQL',
      async () => {
        const database = await freshPostgresDatabase(postgres.url);
        return { sql: connectPostgres({ connectionString: database.url, maxConnections }), dispose: () => database.drop() };
      },
    ]);
  }
  return engines;
}
