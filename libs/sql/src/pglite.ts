import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlClient, SqlQueryable } from './client.ts';
import { type DataFolderLock, lockDataFolder, makeOwnerOnly, ownerOnlyFolder } from './data-folder.ts';
import { PreparedStatements } from './pglite-statements.ts';

/**
 * A tarball of a freshly initialised PGlite cluster (`dumpDataDir`), named by `LEDGER_PGLITE_TEMPLATE`: an
 * in-memory database loads it instead of running initdb, about a fifth of the CPU of a boot. The test run
 * makes it once (scripts/test-kinds/pglite-template.ts); without the variable every database is initialised
 * from scratch. A data folder takes it only on its first start (PGlite refuses a tarball over an existing cluster).
 */
async function freshClusterTemplate(): Promise<Blob | undefined> {
  const file = process.env.LEDGER_PGLITE_TEMPLATE;
  if (!file || !existsSync(file)) return undefined;
  return new Blob([await readFile(file)]);
}

/**
 * Opens (or creates) an embedded PostgreSQL in `dataDir`; with no folder the database lives in memory.
 * PGlite is one connection: its transactions run one at a time, which our SQL already assumes.
 * A folder is locked for this process (`<dataDir>.lock`, a `DataFolderInUseError` when a live process holds it)
 * and kept its owner's only (SPEC 8): 0700 folders, 0600 files, also those PGlite makes later (the umask).
 */
export interface PgliteOptions {
  /** How many statement texts stay prepared at most (default 64); 0 runs every statement through PGlite's query. */
  preparedStatements?: number;
  /** Runs after which a prepared statement is prepared anew, its plan made for the tables as they are now (default 200). */
  replanAfter?: number;
}

export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<SqlClient> {
  let lock: DataFolderLock | undefined;
  if (dataDir) {
    ownerOnlyFolder(dataDir);
    lock = lockDataFolder(dataDir);
  }
  let db: PGlite;
  try {
    const isNewCluster = dataDir === undefined || !existsSync(join(dataDir, 'PG_VERSION'));
    const template = isNewCluster ? await freshClusterTemplate() : undefined;
    db = await PGlite.create(dataDir ?? 'memory://', {
      // int8 as a JS number, matching the pg adapter (see postgres.ts).
      parsers: { 20: (value: string) => Number(value) },
      ...(template ? { loadDataDir: template } : {}),
    });
    // PGlite's files are made through its own file system layer: fix whatever mode they were given.
    if (dataDir) makeOwnerOnly(dataDir);
  } catch (error) {
    lock?.release();
    throw error;
  }
  // The statements our SQL repeats run prepared (PreparedStatements); the rest, DDL above all, through PGlite's query.
  const capacity = options.preparedStatements ?? 64;
  const statements = new PreparedStatements(db, { capacity, ...(options.replanAfter === undefined ? {} : { replanAfter: options.replanAfter }) });
  const fits = (text: string) => capacity > 0 && PreparedStatements.fits(text);
  const rootQuery: SqlQueryable['query'] = async (text, params = []) => {
    if (!fits(text)) return { rows: (await db.query(text, params as unknown[])).rows as never[] };
    // As PGlite's query does, with its own locks (no public form): after any transaction under way, alone, synced after.
    // oxlint-disable-next-line no-underscore-dangle -- PGlite's query checks so that a closed database says so
    await db._checkReady();
    // oxlint-disable-next-line no-underscore-dangle -- PGlite's lock of its transactions, which its query takes too
    const rows = await db._runExclusiveTransaction(() => db.runExclusive(() => statements.run(text, params, { syncToFs: true, retryStale: true })));
    return { rows: rows as never[] };
  };
  const inTransaction = (tx: Transaction): SqlQueryable => ({
    query: async (text, params = []) => {
      if (!fits(text)) return { rows: (await tx.query(text, params as unknown[])).rows as never[] };
      if (tx.closed) throw new Error('Transaction is closed');
      const rows = await db.runExclusive(() => statements.run(text, params, { syncToFs: false, retryStale: false }));
      return { rows: rows as never[] };
    },
  });
  return {
    engine: 'pglite',
    query: rootQuery,
    transaction: (work) => db.transaction((tx) => work(inTransaction(tx))),
    close: async () => {
      try {
        await db.close();
      } finally {
        if (dataDir) makeOwnerOnly(dataDir);
        lock?.release();
      }
    },
  };
}

/** A freshly initialised cluster as a tarball, for `LEDGER_PGLITE_TEMPLATE`. */
export async function freshPgliteClusterTarball(): Promise<Blob> {
  const db = await PGlite.create('memory://');
  try {
    return await db.dumpDataDir('none');
  } finally {
    await db.close();
  }
}
