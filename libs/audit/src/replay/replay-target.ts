import { type ReadStore, sqlReadStore } from '@ledger/readstore';
import { openPglite } from '@ledger/sql';

/** The fresh store a replay rebuilds into, and how to let go of it. */
export interface ReplayTarget {
  store: ReadStore;
  dispose(): Promise<void>;
}

/**
 * A fresh embedded PostgreSQL in memory, with the same jsonb read store as the live models: the
 * replay never writes to the ledger's own database, and what it rebuilds goes through the same
 * adapter (and so the same JSON normalisation) as what runs live.
 */
export async function inMemoryReplayTarget(): Promise<ReplayTarget> {
  const sql = await openPglite();
  return { store: await sqlReadStore(sql), dispose: () => sql.close() };
}
