import { groupCommit } from '@ledger/batching';
import type { SqlQueryable } from '@ledger/sql';
import type { DocumentRef } from '../port.ts';

/** Documents read, as JSON text, by collection then id; an id absent from its collection's map has no document. */
export type ReadDocuments = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * The statement that reads documents by (collection, id), the same on pg and PGlite. Several refs go as two text
 * arrays, unnested: the planner sizes `unnest` of a bound array by its length and probes the primary key once a ref.
 * (As one jsonb array, `jsonb_to_recordset` was sized 100 rows whatever it held, and the join scanned the whole table.)
 * One ref (the first consumer of a batch of one event reads alone) goes by the primary key: a third less CPU than the
 * unnest on PGlite, a quarter to two fifths less on the PostgreSQL server (docs/performance.md, "Document reads by ref";
 * scripts/bench/document-reads.ts).
 */
export async function readDocuments(sql: SqlQueryable, table: string, asked: readonly DocumentRef[]): Promise<ReadDocuments> {
  // Askers of one group may want the same document (readers of one person's history): it is read once.
  const refs = [...new Map(asked.map((ref) => [`${ref.collection}\u0000${ref.id}`, ref])).values()];
  const result =
    refs.length === 1
      ? await sql.query<{ collection: string; id: string; json: string }>(
          `select collection, id, doc::text as json from ${table} where collection = $1 and id = $2`,
          [refs[0]!.collection, refs[0]!.id],
        )
      : await sql.query<{ collection: string; id: string; json: string }>(
          `select d.collection, d.id, d.doc::text as json
           from unnest($1::text[], $2::text[]) as x(c, i)
           join ${table} d on d.collection = x.c and d.id = x.i`,
          [refs.map((ref) => ref.collection), refs.map((ref) => ref.id)],
        );
  const documents = new Map<string, Map<string, string>>();
  for (const row of result.rows) {
    let ofCollection = documents.get(row.collection);
    if (!ofCollection) documents.set(row.collection, (ofCollection = new Map()));
    ofCollection.set(row.id, row.json);
  }
  return documents;
}

/** Grouped reads of documents by id, the read side of `statementGroup` (`@ledger/sql`). */
export interface DocumentReads {
  /** Every document of the read that took these refs (and the refs asked with them): pick yours from it. */
  read(refs: readonly DocumentRef[]): Promise<ReadDocuments>;
}

/**
 * When a group of reads starts. `none` (the default): at once when none is out, else with the others asked while it
 * runs. `turn`: at the end of the event-loop turn it was asked in (one `setImmediate`), for gets of a database
 * answered on microtasks alone (embedded PGlite), where a read starts and ends before the next request of the turn
 * is parsed, so that nothing would ever be asked while one runs (readers of a person's history at 16 clients were a
 * statement each). A get deferred so can only see newer documents.
 */
export type DocumentReadsGathering = 'none' | 'turn';

/**
 * A read starts at once when none of ours is out (gathering `none`; `turn`: at the end of the turn); what is asked
 * while it runs is the next read, one statement for all of them (group commit). The embedded bus hands a batch to
 * every consumer at once, so of the read models that keep a filing (three of them) the first reads alone and the
 * others together: two statements, not one each (issue 9). Not one for all three: a consumer's read deferred until
 * `process.nextTick` (as the writes of `statementGroup` gather) lets a request that reads a model right after its
 * write reach the database before the model's write, and read-after-write e2e tests failed; so consumers gather
 * `none`, and only gets of requests may wait for the turn. Each asker gets the whole answer and picks its own documents from it.
 */
export function documentReads(sql: SqlQueryable, table: string, gather: DocumentReadsGathering = 'none'): DocumentReads {
  const reads = groupCommit<readonly DocumentRef[], ReadDocuments>(
    async (asked) => {
      const documents = await readDocuments(sql, table, asked.flat());
      return asked.map(() => ({ ok: true, value: documents }));
    },
    { gather },
  );
  return { read: (refs) => reads.submit(refs) };
}
