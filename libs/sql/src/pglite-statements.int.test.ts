import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from './client.ts';
import { openPglite } from './pglite.ts';

// A leading comment sends a statement through PGlite's own query, unprepared: the reference for the prepared one.
const unprepared = (text: string) => `/* unprepared */ ${text}`;

describe('PGlite statements run prepared', () => {
  let sql: SqlClient;
  const prepared = async () =>
    (await sql.query<{ statement: string }>(unprepared(`select statement from pg_prepared_statements where name like 'ledger\\_%' order by prepare_time`))).rows.map(
      (row) => row.statement,
    );

  beforeAll(async () => {
    sql = await openPglite(undefined, { preparedStatements: 4 });
    await sql.query('create table notes (id text primary key, n bigint not null, body jsonb, at timestamptz, tags text[], done boolean)');
  });
  afterAll(() => sql.close());

  it('answer what PGlite query answers, with the same parameters and types, and a text is prepared once', async () => {
    const insert = 'insert into notes (id, n, body, at, tags, done) values ($1, $2, $3::jsonb, $4, $5, $6) returning id, n, body, at, tags, done';
    const first = await sql.query(insert, ['a', 9_007_199_254_740_991, JSON.stringify({ x: [1, 'two'] }), new Date('2026-12-02T08:00:00.123Z'), ['p', 'q'], true]);
    const second = await sql.query(unprepared(insert), ['b', 2, null, undefined, [], false]);
    expect(first.rows).toEqual([{ id: 'a', n: 9_007_199_254_740_991, body: { x: [1, 'two'] }, at: new Date('2026-12-02T08:00:00.123Z'), tags: ['p', 'q'], done: true }]);
    expect(second.rows).toEqual([{ id: 'b', n: 2, body: null, at: null, tags: [], done: false }]);
    const read = 'select id, n, body, at, tags, done, n * 2 as twice, body->>$2 as missing from notes where id = any($1::text[]) order by id';
    for (const ids of [['a', 'b'], ['b'], [], ['a', 'b', 'c']]) {
      expect((await sql.query(read, [ids, 'nothing'])).rows).toEqual((await sql.query(unprepared(read), [ids, 'nothing'])).rows);
    }
    expect((await sql.query('select 1 as one where false')).rows).toEqual([]);
    expect((await prepared()).filter((text) => text === read)).toHaveLength(1);
  });

  it('keeps at most its capacity of statements prepared, the least recently used closed first', async () => {
    const texts = Array.from({ length: 7 }, (_, index) => `select ${index} as n, $1::text as echo`);
    for (const text of texts) expect((await sql.query(text, ['x'])).rows).toEqual([{ n: Number(text.split(' ')[1]), echo: 'x' }]);
    const now = await prepared();
    expect(now.length).toBeLessThanOrEqual(4);
    expect(now).toContain(texts[6]);
    expect(now).not.toContain(texts[0]);
    // An evicted text is prepared again when it comes back.
    expect((await sql.query(texts[0]!, ['y'])).rows).toEqual([{ n: 0, echo: 'y' }]);
    expect(await prepared()).toContain(texts[0]);
  });

  it('prepares no DDL, SET or utility statement', async () => {
    await sql.query('create table if not exists utility_check (id int)');
    await sql.query(`set application_name = 'ledger-test'`);
    await sql.query('analyze utility_check');
    expect((await prepared()).filter((text) => /create|set|analyze/i.test(text))).toEqual([]);
  });

  it('after a failing statement, prepared or not, the next ones run, and a failed Parse keeps nothing', async () => {
    const insert = 'insert into notes (id, n) values ($1, $2)';
    await sql.query(insert, ['dup', 1]);
    const error = await sql.query(insert, ['dup', 2]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: '23505', query: insert });
    await sql.query(insert, ['dup-2', 2]);
    await expect(sql.query('select nope from notes where id = $1', ['a'])).rejects.toMatchObject({ code: '42703' });
    expect(await prepared()).not.toContain('select nope from notes where id = $1');
    await expect(sql.query('select $1::int as n', ['not a number'])).rejects.toMatchObject({ code: '22P02' });
    expect((await sql.query('select $1::int as n', ['7'])).rows).toEqual([{ n: 7 }]);
    expect((await sql.query('select n from notes where id = $1', ['dup-2'])).rows).toEqual([{ n: 2 }]);
  });

  it('runs prepared statements in transactions: committed, rolled back, and failed', async () => {
    const insert = 'insert into notes (id, n) values ($1, $2)';
    const count = 'select count(*)::int as count from notes where id like $1';
    await sql.transaction(async (tx) => {
      await tx.query(insert, ['tx-1', 1]);
      expect((await tx.query(count, ['tx-%'])).rows).toEqual([{ count: 1 }]);
    });
    // A statement first prepared in a transaction that rolls back stays prepared (PostgreSQL does not undo a Parse).
    const fresh = 'select count(*)::int as count from notes where n = $1';
    await expect(
      sql.transaction(async (tx) => {
        await tx.query(insert, ['tx-2', 222]);
        expect((await tx.query(fresh, [222])).rows).toEqual([{ count: 1 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await sql.query(count, ['tx-%'])).rows).toEqual([{ count: 1 }]);
    expect((await sql.query(fresh, [222])).rows).toEqual([{ count: 0 }]);
    expect(await prepared()).toContain(fresh);
    // A failing statement aborts its transaction, whose later statements fail too; nothing of it stays.
    await expect(
      sql.transaction(async (tx) => {
        await tx.query(insert, ['tx-3', 3]);
        await tx.query(insert, ['tx-1', 3]).catch(() => {});
        await tx.query(count, ['tx-%']);
      }),
    ).rejects.toMatchObject({ code: '25P02' });
    expect((await sql.query(count, ['tx-%'])).rows).toEqual([{ count: 1 }]);
    // Writers outside wait for the transaction: one after the other, never inside it.
    const order: string[] = [];
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const transaction = sql.transaction(async (tx) => {
      await tx.query(insert, ['tx-4', 4]);
      started();
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('transaction');
    });
    const outside = inside.then(async () => {
      await sql.query(count, ['tx-%']);
      order.push('outside');
    });
    await Promise.all([transaction, outside]);
    expect(order).toEqual(['transaction', 'outside']);
  });

  it('follows a change of the schema: a statement whose result type changed is prepared again', async () => {
    await sql.query('create table shapes (id int primary key)');
    await sql.query('insert into shapes values (1)');
    const all = 'select * from shapes where id = $1';
    expect((await sql.query(all, [1])).rows).toEqual([{ id: 1 }]);
    await sql.query(`alter table shapes add column name text not null default 'one'`);
    expect((await sql.query(all, [1])).rows).toEqual([{ id: 1, name: 'one' }]);
    // In a transaction the refusal aborts it, as a server would; the statement is prepared again for the next one.
    await sql.query('alter table shapes add column size int');
    await expect(sql.transaction((tx) => tx.query(all, [1]))).rejects.toMatchObject({ code: '0A000' });
    expect((await sql.transaction((tx) => tx.query(all, [1]))).rows).toEqual([{ id: 1, name: 'one', size: null }]);
  });

  it('prepares a statement anew after its number of runs, so that its plan follows the tables as they grow', async () => {
    const replanning = await openPglite(undefined, { replanAfter: 3 });
    try {
      const names = async () => (await replanning.query<{ name: string }>(unprepared(`select name from pg_prepared_statements where statement = 'select $1::int as n'`))).rows.map((row) => row.name);
      await replanning.query('select $1::int as n', [1]);
      const first = await names();
      await replanning.query('select $1::int as n', [2]);
      await replanning.query('select $1::int as n', [3]);
      expect(await names()).toEqual(first);
      expect((await replanning.query('select $1::int as n', [4])).rows).toEqual([{ n: 4 }]);
      const second = await names();
      expect(second).toHaveLength(1);
      expect(second).not.toEqual(first);
    } finally {
      await replanning.close();
    }
  });

  it('with no capacity, runs every statement through PGlite query', async () => {
    const plain = await openPglite(undefined, { preparedStatements: 0 });
    try {
      expect((await plain.query('select $1::int + 1 as n', [1])).rows).toEqual([{ n: 2 }]);
      expect((await plain.query(`select count(*)::int as count from pg_prepared_statements`)).rows).toEqual([{ count: 0 }]);
    } finally {
      await plain.close();
    }
  });
});
