/**
 * The one SQL surface every adapter in this repository uses, so that the same SQL runs on a
 * PostgreSQL server (through `pg`) and on embedded PGlite (PostgreSQL compiled to WASM).
 */
export interface SqlQueryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
}

export interface SqlClient extends SqlQueryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Which engine answers: tests and diagnostics only; SQL must not branch on it. */
  readonly engine: 'postgres' | 'pglite';
  close(): Promise<void>;
}
