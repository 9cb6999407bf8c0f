/**
 * The one SQL surface every adapter in this repository uses, so that the same SQL runs on a
 * PostgreSQL server (through `pg`) and on embedded PGlite (PostgreSQL compiled to WASM).
 */
export interface SqlQueryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
}

export interface TransactionOptions {
  /**
   * A transaction-scoped advisory lock (a 32-bit integer key) taken before `work` runs and held until the transaction
   * ends. On a server it goes in the same round trip as BEGIN; on PGlite, whose one connection runs transactions one
   * at a time anyway, there is nothing to exclude and it is not taken.
   */
  advisoryLock?: number;
}

export interface SqlClient extends SqlQueryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Which engine answers: tests and diagnostics only; SQL must not branch on it. */
  readonly engine: 'postgres' | 'pglite';
  close(): Promise<void>;
}
