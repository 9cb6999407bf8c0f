import { groupCommit } from '@ledger/batching';
import type { SqlQueryable } from '@ledger/sql';
import type { DocumentRef } from '../port.ts';

/** Documents read, as JSON text, by collection then id; an id absent from its collection's map has no document. */
export type ReadDocuments = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** The statement that reads documents by (collection, id): one jsonb array parameter, the same on pg and PGlite. */
export async function readDocuments(sql: SqlQueryable, table: string, refs: readonly DocumentRef[]): Promise<ReadDocuments> {
  // One document (a batch of one event, alone in its turn) goes by the primary key, the plainest plan there is.
  const result =
    refs.length === 1
      ? await sql.query<{ collection: string; id: string; json: string }>(
          `select collection, id, doc::text as json from ${table} where collection = $1 and id = $2`,
          [refs[0]!.collection, refs[0]!.id],
        )
      : await sql.query<{ collection: string; id: string; json: string }>(
          `select d.collection, d.id, d.doc::text as json
           from jsonb_to_recordset($1::jsonb) as x(c text, i text)
           join ${table} d on d.collection = x.c and d.id = x.i`,
          [JSON.stringify(refs.map((ref) => ({ c: ref.collection, i: ref.id })))],
        );
  const documents = new Map<string, Map<string, string>>();
  for (const row of result.rows) {
    let ofCollection = documents.get(row.collection);
    if (!ofCollection) documents.set(row.collection, (ofCollection = new Map()));
    ofCollection.set(row.id, row.json);
  }
  return documents;
}

/** Grouped reads of documents by id, the read side of StatementGroup. */
export interface DocumentReads {
  /** Every document of the read that took these refs (and the refs asked with them): pick yours from it. */
  read(refs: readonly DocumentRef[]): Promise<ReadDocuments>;
}

/**
 * A read starts at once when none of ours is out; what units of work ask while it runs is the next read, one
 * statement for all of them (group commit, gathering `none`). The embedded bus hands a batch to every consumer at
 * once, so of the read models that keep a filing (three of them) the first reads alone and the others together: two
 * statements, not one each (issue 9). Not one for all three: a read deferred to the end of the turn
 * (process.nextTick) lets a request that reads a model right after its write reach the database before the model's
 * write, and read-after-write e2e tests failed. Each asker gets the whole answer and picks its own documents from it.
 */
export function documentReads(sql: SqlQueryable, table: string): DocumentReads {
  const reads = groupCommit<readonly DocumentRef[], ReadDocuments>(
    async (asked) => {
      const documents = await readDocuments(sql, table, asked.flat());
      return asked.map(() => ({ ok: true, value: documents }));
    },
    { gather: 'none' },
  );
  return { read: (refs) => reads.submit(refs) };
}
