export type { SqlClient, SqlQueryable, TransactionOptions } from './client.ts';
export { connectPostgres, type PostgresOptions } from './postgres.ts';
export { openPglite } from './pglite.ts';
