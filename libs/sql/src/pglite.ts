import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlQueryable } from './client.ts';
import { type DataFolderLock, lockDataFolder, makeOwnerOnly, ownerOnlyFolder } from './data-folder.ts';

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
    db = await PGlite.create(dataDir ?? 'memory://', {
      // int8 as a JS number, matching the pg adapter (see postgres.ts).
      parsers: { 20: (value: string) => Number(value) },
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
