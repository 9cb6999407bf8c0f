import { randomUUID } from 'node:crypto';
import type { SqlClient } from '@ledger/sql';
import { type CountingSqlClient, countingSqlClient, sqlEngines } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../port.ts';
import { documentReads as groupedReads } from './document-reads.ts';
import { sqlReadStore } from './sql-read-store.ts';

// Issue 9, "Reads": gets by id that are under way at once share one statement (the readers of a person's history
// at 16 clients were one statement each), and each asker still gets its own answer.
interface Card extends Document {
  holder: string;
  tags: string[];
}

const documentReads = (sql: CountingSqlClient) => sql.log.filter((statement) => /read_documents/.test(statement.text) && /^\s*select/i.test(statement.text));

describe.each(await sqlEngines(3))('grouped gets by id, on %s', (_engine, open) => {
  let raw: SqlClient;
  let dispose: () => Promise<void>;
  let sql: CountingSqlClient;
  beforeAll(async () => {
    ({ sql: raw, dispose } = await open());
    sql = countingSqlClient(raw);
  });
  afterAll(async () => {
    await raw.close();
    await dispose();
  });

  const cardsOf = async (gatherGets: 'turn' | 'none') => {
    const store = await sqlReadStore(sql, { gatherGets });
    const collection = `cards_${randomUUID().slice(0, 8)}`;
    await store.collection<Card>(collection).putMany(Array.from({ length: 4 }, (_, n) => ({ id: `c${n}`, holder: `holder ${n}`, tags: [] })));
    sql.reset();
    return store.collection<Card>(collection);
  };
  // Eight gets asked in one synchronous step: four documents (one of them three times) and one that does not exist.
  const asked = ['c0', 'c1', 'c1', 'c2', 'c3', 'missing', 'c1', 'c0'];

  it('turn: the gets of one event-loop turn are one statement, each answered with its own document', async () => {
    const cards = await cardsOf('turn');
    const answers = await Promise.all(asked.map((id) => cards.get(id)));
    expect(documentReads(sql)).toHaveLength(1);
    expect(answers.map((card) => card?.holder)).toEqual(['holder 0', 'holder 1', 'holder 1', 'holder 2', 'holder 3', undefined, 'holder 1', 'holder 0']);
    // Each asker parsed its own copy: one caller's change is not another's.
    answers[1]!.tags.push('changed by one reader');
    expect(answers[2]!.tags).toEqual([]);
  });

  it('none: the first get goes at once, those asked while it runs go together after it', async () => {
    const cards = await cardsOf('none');
    const answers = await Promise.all(asked.map((id) => cards.get(id)));
    expect(documentReads(sql)).toHaveLength(2);
    expect(answers.map((card) => card?.holder)).toEqual(['holder 0', 'holder 1', 'holder 1', 'holder 2', 'holder 3', undefined, 'holder 1', 'holder 0']);
  });

  it("none: gets and the consumers' reads (a unit's prefetch) share one group, one statement at a time", async () => {
    const store = await sqlReadStore(sql, { gatherGets: 'none' });
    const collection = `cards_${randomUUID().slice(0, 8)}`;
    await store.collection<Card>(collection).putMany(Array.from({ length: 3 }, (_, n) => ({ id: `c${n}`, holder: `holder ${n}`, tags: [] })));
    sql.reset();
    const unit = store.unitOfWork!();
    // The first get goes at once; the prefetch and the second get, asked while it runs, go together after it.
    const [first, , second] = await Promise.all([
      store.collection<Card>(collection).get('c0'),
      unit.prefetch!([{ collection, id: 'c1' }]),
      store.collection<Card>(collection).get('c2'),
    ]);
    expect(documentReads(sql)).toHaveLength(2);
    expect([first?.holder, second?.holder]).toEqual(['holder 0', 'holder 2']);
    expect((await unit.store.collection<Card>(collection).get('c1'))?.holder).toBe('holder 1');
    expect(documentReads(sql)).toHaveLength(2);
    await unit.abandon();
  });

  it('a get asked after a write answers what was written', async () => {
    for (const gathering of ['turn', 'none'] as const) {
      const cards = await cardsOf(gathering);
      await cards.put({ id: 'c1', holder: 'new holder', tags: [] });
      const [first, second] = await Promise.all([cards.get('c1'), cards.get('c1')]);
      expect([first?.holder, second?.holder]).toEqual(['new holder', 'new holder']);
      await cards.delete('c2');
      expect(await cards.get('c2')).toBeUndefined();
    }
  });

  it('a failed statement fails every asker of its group, and the next group reads again', async () => {
    for (const gathering of ['turn', 'none'] as const) {
      const table = `later_${randomUUID().slice(0, 8)}`;
      const reads = groupedReads(sql, table, gathering);
      // The table does not exist yet: the statement fails, and so does each of its askers.
      const failed = await Promise.allSettled([reads.read([{ collection: 'x', id: 'a' }]), reads.read([{ collection: 'x', id: 'b' }])]);
      expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      await raw.query(`create table ${table} (collection text not null, id text not null, doc jsonb not null, primary key (collection, id))`);
      await raw.query(`insert into ${table} (collection, id, doc) values ('x', 'a', '{"id":"a"}')`);
      const [a, b] = await Promise.all([reads.read([{ collection: 'x', id: 'a' }]), reads.read([{ collection: 'x', id: 'b' }])]);
      expect(a.get('x')?.get('a')).toBe('{"id": "a"}');
      expect(b.get('x')?.get('b')).toBeUndefined();
    }
  });
});
