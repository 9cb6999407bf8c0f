import { type ReadStore, memoryReadStore } from '@ledger/readstore';

/** The fresh store a replay rebuilds into, and how to let go of it. */
export interface ReplayTarget {
  store: ReadStore;
  dispose(): Promise<void>;
}

/**
 * A fresh store in this process's memory, with the jsonb read store's meaning for every query and the same JSON
 * round trip as the live models (`memoryReadStore`): the replay never writes to the ledger's own database, and
 * there is nothing to boot (an in-memory PGlite took seconds to open, a minute on a loaded machine) nor a
 * statement to run per batch. It holds the rebuilt models whole, as an auditor's replay keeps them for the
 * comparison and the download anyway.
 *
 * Its documents are frozen objects rather than JSON text: a read model's `get` hands back the document itself
 * instead of parsing a copy, and a `put` copies only the parts that are new (issue 9.3: the parse and stringify
 * of every document on every event were most of the replay's own time). Read models build new documents from
 * what they read and never change one in place, which a frozen document enforces: a change throws.
 */
export async function inMemoryReplayTarget(): Promise<ReplayTarget> {
  const store = memoryReadStore('frozen');
  return { store, dispose: () => store.close() };
}
