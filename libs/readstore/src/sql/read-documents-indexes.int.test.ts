// The indexes of the read documents (issue 9): no GIN index over every document, so an `$eq` must reach the field's
// ensureIndex b-tree whatever its value's type, and a database made with the GIN index loses it.
import { type SqlClient, openPglite } from '@ledger/sql';
import { describe, expect, it } from 'vitest';
import { sqlReadStore } from './sql-read-store.ts';

/** The client, and the plans of the counts asked through it (EXPLAIN of the same statement, same parameters). */
function explainingCounts(sql: SqlClient): { client: SqlClient; plans: string[] } {
  const plans: string[] = [];
  const client: SqlClient = {
    ...sql,
    async query(text, params) {
      if (text.startsWith('select count(*)')) {
        const plan = await sql.query<{ 'QUERY PLAN': string }>(`explain ${text}`, params);
        plans.push(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
      }
      return sql.query(text, params);
    },
  };
  return { client, plans };
}

const indexesOf = async (sql: SqlClient) =>
  (await sql.query<{ indexname: string }>(`select indexname from pg_indexes where tablename = 'read_documents' order by indexname`)).rows.map((row) => row.indexname);

describe('read documents indexes', () => {
  it('drops the GIN index of a database made before, and keeps its documents', async () => {
    const sql = await openPglite();
    try {
      await sql.query(`create table read_documents (collection text not null, id text not null, doc jsonb not null, primary key (collection, id))`);
      await sql.query(`create index read_documents_doc on read_documents using gin (doc jsonb_path_ops)`);
      await sql.query(`insert into read_documents values ('people', 'p1', '{"id":"p1","year":2026}')`);
      const store = await sqlReadStore(sql);
      expect(await indexesOf(sql)).toEqual(['read_documents_pkey']);
      expect(await store.collection('people').find({ year: 2026 })).toEqual([{ id: 'p1', year: 2026 }]);
    } finally {
      await sql.close();
    }
  });

  it('serves an $eq on an integer or a boolean with the field index', async () => {
    const sql = await openPglite();
    try {
      const { client, plans } = explainingCounts(sql);
      const store = await sqlReadStore(client);
      const facts = store.collection<{ id: string; year: number; open: boolean; ratio: number }>('facts');
      await facts.ensureIndex('year');
      await facts.ensureIndex('open');
      await facts.putMany(Array.from({ length: 2000 }, (_, n) => ({ id: `f${n}`, year: 1900 + (n % 100), open: n % 50 === 0, ratio: n / 8 })));
      await sql.query('analyze read_documents');

      expect(await facts.count({ year: 1942 })).toBe(20);
      expect(await facts.count({ open: true })).toBe(40);
      expect(await facts.count({ ratio: 2.5 })).toBe(1);
      expect(plans[0]).toContain('read_documents_facts_year');
      expect(plans[1]).toContain('read_documents_facts_open');
    } finally {
      await sql.close();
    }
  });
});
