// Builds the person-history read model for the history benchmark: the real projection's `apply` runs over
// every event of the store in global order (as the live bus consumer and the auditor's replay run it), into
// documents held in memory; the documents are then written to the read store's table in bulk. The
// documents are exactly those the live consumer writes; only their writing is batched, because one `put`
// at a time is several hours for a million events on a shared two-core machine, and it is not measured.
import type { Collection, Document, ReadStore } from '@ledger/readstore';
import type { SqlQueryable } from '@ledger/sql';
import type { EventStore } from '@ledger/eventstore';
import { personHistoryProjection } from '@ledger/discipline';
import { nextTurn } from './history-load.ts';

const eventsPerRead = 1_000;
const documentsPerInsert = 1_000;

const unused = (what: string) => () => Promise.reject(new Error(`the bench's in-memory documents do not support ${what}`));

/** get and put on Maps: all that `apply` uses. The rest says so if ever called. */
function documentsInMemory(): { store: ReadStore; documents: Map<string, Map<string, Document>> } {
  const documents = new Map<string, Map<string, Document>>();
  const of = (name: string) => documents.get(name) ?? documents.set(name, new Map()).get(name)!;
  const collection = <Doc extends Document>(name: string): Collection<Doc> => ({
    get: async (id) => of(name).get(id) as Doc | undefined,
    put: async (doc) => void of(name).set(doc.id, doc),
    putMany: async (docs) => {
      for (const doc of docs) of(name).set(doc.id, doc);
    },
    delete: unused('delete'),
    find: unused('find'),
    count: unused('count'),
    ensureIndex: async () => {},
  });
  return { store: { collection, collections: async () => [...documents.keys()], drop: unused('drop'), close: async () => {} }, documents };
}

export interface ProjectProgress {
  applied?: (events: number) => void;
  written?: (documents: number, total: number) => void;
}

/** Projects every event of `events` into `readStore` (a SQL read store on table `table`); answers the counts. */
export async function projectHistories(
  events: EventStore,
  sql: SqlQueryable,
  readStore: ReadStore,
  progress: ProjectProgress = {},
  table = 'read_documents',
): Promise<{ events: number; documents: number }> {
  const memory = documentsInMemory();
  let applied = 0;
  for (let after = 0; ; ) {
    const page = await events.readAll({ after, limit: eventsPerRead });
    for (const event of page) await personHistoryProjection.apply(event, memory.store);
    applied += page.length;
    progress.applied?.(applied);
    await nextTurn();
    if (page.length < eventsPerRead) break;
    after = page.at(-1)!.position;
  }

  const total = [...memory.documents.values()].reduce((sum, docs) => sum + docs.size, 0);
  let written = 0;
  for (const [collection, docs] of memory.documents) {
    const all = [...docs.values()];
    for (let start = 0; start < all.length; start += documentsPerInsert) {
      const rows = all.slice(start, start + documentsPerInsert).map((doc) => ({ collection, id: doc.id, doc }));
      await sql.query(
        `insert into ${table} (collection, id, doc)
         select collection, id, doc from jsonb_to_recordset($1::jsonb) as row(collection text, id text, doc jsonb)
         on conflict (collection, id) do update set doc = excluded.doc`,
        [JSON.stringify(rows)],
      );
      written += rows.length;
      progress.written?.(written, total);
      await nextTurn();
    }
  }
  // The indexes the projection asks for, as it would have made them before its first event.
  await personHistoryProjection.setup?.(readStore);
  return { events: applied, documents: written };
}
