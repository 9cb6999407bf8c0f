import { randomUUID } from 'node:crypto';
import { type SqlClient, connectPostgres, openPglite } from '@ledger/sql';
import { countingSqlClient, findEngine, freshPostgresDatabase } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document, ReadStore } from '../port.ts';
import { sqlReadStore } from './sql-read-store.ts';

const engines: Array<{ name: string; open(): Promise<{ sql: SqlClient; dispose(): Promise<void> }> }> = [
  {
    name: 'embedded PGlite',
    async open() {
      const sql = await openPglite();
      return { sql, dispose: () => sql.close() };
    },
  },
];
const postgres = await findEngine('postgres');
if (postgres.available) {
  engines.push({
    name: 'PostgreSQL',
    async open() {
      const database = await freshPostgresDatabase(postgres.url);
      const sql = connectPostgres({ connectionString: database.url, maxConnections: 3 });
      return {
        sql,
        async dispose() {
          await sql.close();
          await database.drop();
        },
      };
    },
  });
}

for (const engine of engines) {
  describe(`the SQL unit of work on ${engine.name}`, () => {
    let raw: SqlClient;
    let dispose: () => Promise<void>;
    let sql: ReturnType<typeof countingSqlClient>;
    let store: ReadStore;
    const acknowledgement = (name: string, position: number) => ({
      database: sql,
      statement: { text: 'insert into acknowledged (name, position) values ($1, $2)', params: [name, position] },
    });
    const acknowledged = async (name: string) => (await raw.query<{ position: number }>('select position from acknowledged where name = $1', [name])).rows.map((row) => Number(row.position));

    beforeAll(async () => {
      ({ sql: raw, dispose } = await engine.open());
      sql = countingSqlClient(raw);
      store = await sqlReadStore(sql);
      await raw.query('create table acknowledged (name text primary key, position bigint not null check (position > 0))');
    });
    afterAll(() => dispose());

    it('stores every write of a batch and the write taken along in one statement', async () => {
      const [first, second, name] = [`a_${randomUUID().slice(0, 8)}`, `b_${randomUUID().slice(0, 8)}`, randomUUID()];
      await store.collection(first).put({ id: 'gone', n: 0 });
      const unit = store.unitOfWork!();
      for (let n = 1; n <= 50; n += 1) await unit.store.collection(first).put({ id: `d${n}`, n });
      await unit.store.collection(second).putMany([{ id: 'x', text: "it's \"quoted\" \\ and $1" }]);
      await unit.store.collection(first).delete('gone');
      sql.reset();
      expect(await unit.commit(acknowledgement(name, 7))).toBe(true);
      expect(sql.statements).toBe(1);
      expect(await store.collection(first).count()).toBe(50);
      expect(await store.collection(first).get('gone')).toBeUndefined();
      expect(await store.collection(second).get('x')).toEqual({ id: 'x', text: "it's \"quoted\" \\ and $1" });
      expect(await acknowledged(name)).toEqual([7]);
    });

    it('deletes in one batch exactly the documents named, by collection and id together', async () => {
      const [first, second, name] = [`a_${randomUUID().slice(0, 8)}`, `b_${randomUUID().slice(0, 8)}`, randomUUID()];
      await store.collection(first).putMany([{ id: 'x' }, { id: 'y' }, { id: 'kept' }]);
      await store.collection(second).putMany([{ id: 'x' }, { id: 'y' }]);
      const unit = store.unitOfWork!();
      await unit.store.collection(first).delete('x');
      await unit.store.collection(first).delete('never-stored');
      await unit.store.collection(second).delete('y');
      expect(await unit.commit(acknowledgement(name, 1))).toBe(true);
      const ids = async (collection: string) => (await store.collection(collection).find({})).map((doc) => doc.id).sort();
      expect(await ids(first)).toEqual(['kept', 'y']);
      expect(await ids(second)).toEqual(['x']);
    });

    it('stores nothing of a batch whose write taken along fails, and leaves another database’s write to its caller', async () => {
      const collection = `c_${randomUUID().slice(0, 8)}`;
      const failing = store.unitOfWork!();
      await failing.store.collection(collection).put({ id: 'never' });
      // The check constraint refuses position 0: the statement fails whole.
      await expect(failing.commit(acknowledgement(randomUUID(), 0))).rejects.toThrow();
      expect(await store.collection(collection).get('never')).toBeUndefined();

      const elsewhere = store.unitOfWork!();
      await elsewhere.store.collection(collection).put({ id: 'stored' });
      const name = randomUUID();
      expect(await elsewhere.commit({ ...acknowledgement(name, 3), database: {} })).toBe(false);
      expect(await store.collection(collection).get('stored')).toEqual({ id: 'stored' });
      expect(await acknowledged(name)).toEqual([]);
    });

    it('writes early in a transaction for a find, and rolls that back when abandoned or when the commit fails', async () => {
      const collection = `c_${randomUUID().slice(0, 8)}`;
      await store.collection<Document>(collection).put({ id: 'before', status: 'open' });
      const abandoned = store.unitOfWork!();
      await abandoned.store.collection(collection).put({ id: 'early', status: 'open' });
      expect((await abandoned.store.collection(collection).find({ status: 'open' })).map((doc) => doc.id)).toEqual(['before', 'early']);
      await abandoned.abandon();
      expect(await store.collection(collection).get('early')).toBeUndefined();

      const failing = store.unitOfWork!();
      await failing.store.collection(collection).put({ id: 'early', status: 'open' });
      expect(await failing.store.collection(collection).count({ status: 'open' })).toBe(2);
      await failing.store.collection(collection).put({ id: 'late', status: 'open' });
      await expect(failing.commit(acknowledgement(randomUUID(), 0))).rejects.toThrow();
      expect((await store.collection(collection).find()).map((doc) => doc.id)).toEqual(['before']);

      const name = randomUUID();
      const committed = store.unitOfWork!();
      await committed.store.collection(collection).put({ id: 'early', status: 'open' });
      expect(await committed.store.collection(collection).count({ status: 'open' })).toBe(2);
      await committed.store.collection(collection).put({ id: 'late', status: 'open' });
      expect(await committed.commit(acknowledgement(name, 9))).toBe(true);
      expect((await store.collection(collection).find()).map((doc) => doc.id)).toEqual(['before', 'early', 'late']);
      expect(await acknowledged(name)).toEqual([9]);
    });
  });
}
