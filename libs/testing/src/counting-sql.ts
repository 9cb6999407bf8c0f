import type { SqlClient, SqlQueryable } from '@ledger/sql';

export interface CountingSqlClient extends SqlClient {
  /** Statements run so far through this client, inside transactions too (BEGIN and COMMIT each count as one). */
  readonly statements: number;
  /** Every statement run since the last `reset`, in order (BEGIN and COMMIT as such, without parameters). */
  readonly log: ReadonlyArray<{ text: string; params: readonly unknown[]; tag: string | undefined }>;
  reset(): void;
}

/**
 * A SQL client that counts what runs through it: how many statements a piece of work costs the database
 * (tests that bound it, benchmarks that report it). `tagOf` labels each statement where it is issued (e.g. from
 * an AsyncLocalStorage: which request, or none for background work). Closing the wrapper closes the client.
 */
export function countingSqlClient(
  sql: SqlClient,
  options: { tagOf?: () => string | undefined; /** false: count only (a long benchmark would keep every statement and its parameters). */ keepLog?: boolean } = {},
): CountingSqlClient {
  let log: Array<{ text: string; params: readonly unknown[]; tag: string | undefined }> = [];
  let statements = 0;
  const keepLog = options.keepLog ?? true;
  const record = (text: string, params: readonly unknown[] = []) => {
    statements += 1;
    if (keepLog) log.push({ text, params, tag: options.tagOf?.() });
  };
  const counted = (target: SqlQueryable): SqlQueryable => ({
    query: (text, params) => {
      record(text, params);
      return target.query(text, params);
    },
  });
  return {
    engine: sql.engine,
    get statements() {
      return statements;
    },
    get log() {
      return log;
    },
    reset() {
      statements = 0;
      log = [];
    },
    query: counted(sql).query,
    transaction: (work, transactionOptions) => {
      record('BEGIN');
      return sql.transaction((tx) => work(counted(tx)), transactionOptions).finally(() => record('COMMIT'));
    },
    close: () => sql.close(),
  };
}
