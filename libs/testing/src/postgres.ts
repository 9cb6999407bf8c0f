import { randomBytes } from 'node:crypto';
import { connectPostgres, type SqlClient } from '@ledger/sql';

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
