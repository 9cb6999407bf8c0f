export type { SqlClient, SqlQueryable } from './client.ts';
export { connectPostgres, type PostgresOptions } from './postgres.ts';
export { openPglite } from './pglite.ts';
