import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlQueryable } from './client.ts';
import { type DataFolderLock, lockDataFolder, makeOwnerOnly, ownerOnlyFolder } from './data-folder.ts';

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
export async function openPglite(dataDir?: string): Promise<SqlClient> {
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
  const asQueryable = (target: Pick<PGlite, 'query'>): SqlQueryable => ({
    query: async (text, params) => {
      const result = await target.query(text, params as unknown[]);
      return { rows: result.rows as never[] };
    },
  });
  const root = asQueryable(db);
  return {
    engine: 'pglite',
    query: root.query,
    transaction: (work) => db.transaction((tx) => work(asQueryable(tx))),
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
