import { countingSqlClient } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from './pglite.ts';
import { statementGroup } from './statement-group.ts';
import { oneStatement } from './statement.ts';

describe('writes of several writers in one statement', () => {
  let sql: ReturnType<typeof countingSqlClient>;
  beforeAll(async () => {
    sql = countingSqlClient(await openPglite());
    await sql.query('create table notes (writer text primary key, note text not null check (note <> \'\'))');
  });
  afterAll(() => sql.close());

  const note = (writer: string, text: string) => ({ text: 'insert into notes (writer, note) values ($1, $2)', params: [writer, text] });
  const notes = async () => (await sql.query<{ writer: string; note: string }>('select writer, note from notes order by writer')).rows;

  it('joins statements into one, each keeping its own parameters', () => {
    expect(oneStatement([note('a', 'x'), { text: 'delete from notes where writer = $1', params: ['b'] }])).toEqual({
      text: 'with part_1 as (insert into notes (writer, note) values ($1, $2)), part_2 as (delete from notes where writer = $3) select 1',
      params: ['a', 'x', 'b'],
    });
    expect(() => oneStatement([note('a', 'x'), { text: 'delete from notes where writer = $2', params: ['b'] }])).toThrow(/names \$2 but has 1 parameters/);
  });

  const rows = (...notes: Array<[string, string]>) => ({
    text: 'insert into notes (writer, note) select x.w, x.n from jsonb_to_recordset($1::jsonb) as x(w text, n text)',
    params: [JSON.stringify(notes.map(([w, n]) => ({ w, n })))],
    rowsInFirstParam: true as const,
  });

  it('joins statements of rows of one text into one over all their rows, in the place of the first', () => {
    const joined = oneStatement([rows(['r1', 'a']), note('n1', 'b'), rows(['r2', 'c'], ['r3', 'd']), rows()]);
    expect(joined.text).toBe(`with part_1 as (${rows().text}), part_2 as (insert into notes (writer, note) values ($2, $3)) select 1`);
    expect(joined.params).toEqual([JSON.stringify([{ w: 'r1', n: 'a' }, { w: 'r2', n: 'c' }, { w: 'r3', n: 'd' }]), 'n1', 'b']);
    // Alone after the join: the statement of rows itself.
    expect(oneStatement([rows(['r4', 'e']), rows(['r5', 'f'])])).toEqual({ text: rows().text, params: [JSON.stringify([{ w: 'r4', n: 'e' }, { w: 'r5', n: 'f' }])], rowsInFirstParam: true });
    expect(() => oneStatement([rows(['r1', 'a']), { ...note('n1', 'b'), rowsInFirstParam: true }])).toThrow(/one parameter, a JSON array/);
  });

  it('stores the rows of writers submitted at once in one insert, and a bad row fails only its writer', async () => {
    const group = statementGroup(sql);
    sql.reset();
    await Promise.all([group.submit([rows(['j1', 'one'])]), group.submit([rows(['j2', 'two'], ['j3', 'three']), note('j4', 'four')])]);
    expect(sql.statements).toBe(1);
    sql.reset();
    const outcomes = await Promise.allSettled([group.submit([rows(['k1', 'kept'])]), group.submit([rows(['k2', ''])]), group.submit([rows(['k3', 'kept too'])])]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(sql.statements).toBe(4);
    const writers = (await notes()).map((row) => row.writer).filter((writer) => /^[jk]/.test(writer));
    expect(writers).toEqual(['j1', 'j2', 'j3', 'j4', 'k1', 'k3']);
    await sql.query("delete from notes where writer like 'j%' or writer like 'k%'");
  });

  it('groups the writes submitted at once into one statement, those submitted while it runs into the next, and fails only the writer of a bad one', async () => {
    const group = statementGroup(sql);
    sql.reset();
    // Submitted at once: one statement.
    await Promise.all([group.submit([note('g1', 'one')]), group.submit([note('g2', 'two')]), group.submit([note('g3', 'three'), note('g4', 'four')])]);
    expect(sql.statements).toBe(1);
    expect((await notes()).map((row) => row.writer)).toEqual(['g1', 'g2', 'g3', 'g4']);

    // A group runs; what comes while it runs (after the event loop moved on) is the next group.
    sql.reset();
    const first = group.submit([note('i1', 'first')]);
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([first, group.submit([note('i2', 'later')]), group.submit([note('i3', 'later too')])]);
    expect(sql.statements).toBe(2);

    sql.reset();
    const outcomes = await Promise.allSettled([group.submit([note('h1', 'kept')]), group.submit([note('h2', 'fine'), note('h3', '')]), group.submit([note('h4', 'kept too')])]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // One group of the three failed whole, then each ran alone: the bad one stored nothing, not even its good half.
    expect(sql.statements).toBe(4);
    expect((await notes()).map((row) => row.writer)).toEqual(['g1', 'g2', 'g3', 'g4', 'h1', 'h4', 'i1', 'i2', 'i3']);
  });
});
