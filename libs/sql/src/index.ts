export type { SqlClient, SqlQueryable, TransactionOptions } from './client.ts';
export { type SqlStatement, type SqlWrite, oneStatement } from './statement.ts';
export { type StatementGroup, statementGroup } from './statement-group.ts';
export { connectPostgres, type PostgresOptions } from './postgres.ts';
export { freshPgliteClusterTarball, openPglite } from './pglite.ts';
export { DataFolderInUseError, type DataFolderLock, lockDataFolder, makeOwnerOnly, ownerOnlyFolder, ownerOnlyUmask } from './data-folder.ts';
export { instrumentPostgres } from './postgres-tracing.ts';
export { type TableStatisticsKeeper, type TableStatisticsOptions, keepTableStatistics } from './table-statistics.ts';
