import { randomUUID } from 'node:crypto';
import { type Document, type Filter, type FindOptions, type ReadStore, unitOfWorkOn } from '@ledger/readstore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export interface ReadStoreUnderTest {
  store: ReadStore;
  dispose(): Promise<void>;
}

type Complaint = { id: string; status: string; departmentId: string; dueAt?: string; score?: number; tags?: string[] };

/** The behaviour every ReadStore adapter must show; each test uses a collection of its own. */
export function readStoreContract(name: string, create: () => Promise<ReadStoreUnderTest>) {
  describe(`ReadStore contract: ${name}`, () => {
    let subject: ReadStoreUnderTest;
    let store: ReadStore;
    const fresh = () => store.collection<Complaint>(`c_${randomUUID().slice(0, 8)}`);

    beforeAll(async () => {
      subject = await create();
      store = subject.store;
    });
    afterAll(async () => {
      await subject?.dispose();
    });

    it('puts, replaces, gets and deletes whole documents', async () => {
      const complaints = fresh();
      await complaints.put({ id: 'a', status: 'filed', departmentId: 'd1', tags: ['x'] });
      expect(await complaints.get('a')).toEqual({ id: 'a', status: 'filed', departmentId: 'd1', tags: ['x'] });
      await complaints.put({ id: 'a', status: 'accepted', departmentId: 'd1' });
      expect(await complaints.get('a')).toEqual({ id: 'a', status: 'accepted', departmentId: 'd1' });
      await complaints.delete('a');
      expect(await complaints.get('a')).toBeUndefined();
      expect(await complaints.get('never')).toBeUndefined();
    });

    it('finds by equality, $in, $ne, $exists and ranges on strings and numbers', async () => {
      const complaints = fresh();
      await complaints.ensureIndex('departmentId');
      await complaints.ensureIndex('dueAt');
      const docs: Complaint[] = [
        { id: '1', status: 'filed', departmentId: 'd1', score: 5 },
        { id: '2', status: 'accepted', departmentId: 'd1', dueAt: '2026-01-10T00:00:00.000Z', score: 50 },
        { id: '3', status: 'accepted', departmentId: 'd2', dueAt: '2026-02-01T00:00:00.000Z', score: 9 },
        { id: '4', status: 'closed', departmentId: 'd2', dueAt: '2026-01-05T00:00:00.000Z' },
      ];
      for (const doc of docs) await complaints.put(doc);
      const ids = (found: Complaint[]) => found.map((doc) => doc.id);
      expect(ids(await complaints.find({ departmentId: 'd1' }))).toEqual(['1', '2']);
      expect(ids(await complaints.find({ status: { $in: ['filed', 'closed'] } }))).toEqual(['1', '4']);
      expect(ids(await complaints.find({ status: { $ne: 'accepted' } }))).toEqual(['1', '4']);
      expect(ids(await complaints.find({ dueAt: { $exists: false } }))).toEqual(['1']);
      expect(ids(await complaints.find({ dueAt: { $lt: '2026-01-20T00:00:00.000Z' }, status: { $ne: 'closed' } }))).toEqual(['2']);
      // Numbers compare as numbers (9 < 50), not as text ("50" < "9").
      expect(ids(await complaints.find({ score: { $gte: 9 } }))).toEqual(['2', '3']);
      expect(ids(await complaints.find({ score: { $gt: 5, $lte: 9 } }))).toEqual(['3']);
      expect(await complaints.count({ departmentId: 'd2' })).toBe(2);
      expect(await complaints.count()).toBe(4);
    });

    it('sorts by a field with ties by id, and pages by id', async () => {
      const complaints = fresh();
      for (const [id, score] of [['b', 10], ['a', 10], ['c', 2], ['d', 100]] as const) {
        await complaints.put({ id, status: 's', departmentId: 'd', score });
      }
      const byScore = await complaints.find({}, { sort: { field: 'score', direction: 'desc' } });
      expect(byScore.map((doc) => doc.id)).toEqual(['d', 'a', 'b', 'c']);
      const ascending = await complaints.find({}, { sort: { field: 'score', direction: 'asc' }, limit: 2 });
      expect(ascending.map((doc) => doc.id)).toEqual(['c', 'a']);
      const firstPage = await complaints.find({}, { limit: 3 });
      const secondPage = await complaints.find({}, { limit: 3, afterId: firstPage.at(-1)!.id });
      expect([...firstPage, ...secondPage].map((doc) => doc.id)).toEqual(['a', 'b', 'c', 'd']);
    });

    it('keeps any JSON key and value exactly: dots, a leading $, %, _id, numbers, nesting, unicode', async () => {
      const documents = store.collection<Document>(`c_${randomUUID().slice(0, 8)}`);
      const awkward: Document = {
        id: 'person-a.b$c%2E',
        _id: 'not the key',
        _applied: { 'complaint-x.y': 3, $set: 1, '%2E': 2, '': 0, _id: 5 },
        byYear: { '2026': 2 },
        nested: [{ 'a.b': [1, 2.5, -3, 2 ** 40] }, null, true, 'é€😀'],
      };
      await documents.put(awkward);
      expect(await documents.get('person-a.b$c%2E')).toEqual(awkward);
      expect(await documents.find({ _id: 'not the key' })).toEqual([awkward]);
    });

    it('stores documents as JSON: undefined fields vanish, dates become ISO strings', async () => {
      const documents = store.collection<Document>(`c_${randomUUID().slice(0, 8)}`);
      await documents.put({ id: 'j', gone: undefined, at: new Date('2026-03-01T10:00:00.000Z'), kept: null });
      expect(await documents.get('j')).toStrictEqual({ id: 'j', at: '2026-03-01T10:00:00.000Z', kept: null });
    });

    it('tells null from missing: equality and $in on null match both, $ne null and $exists match present fields', async () => {
      const documents = store.collection<Document>(`c_${randomUUID().slice(0, 8)}`);
      for (const doc of [{ id: '1', dueAt: null }, { id: '2' }, { id: '3', dueAt: 'x' }]) await documents.put(doc);
      const ids = async (filter: Filter) => (await documents.find(filter)).map((doc) => doc.id);
      expect(await ids({ dueAt: null })).toEqual(['1', '2']);
      expect(await ids({ dueAt: { $in: [null] } })).toEqual(['1', '2']);
      expect(await ids({ dueAt: { $ne: null } })).toEqual(['3']);
      expect(await ids({ dueAt: { $ne: 'x' } })).toEqual(['1', '2']);
      expect(await ids({ dueAt: { $exists: true } })).toEqual(['1', '3']);
      expect(await documents.count({ dueAt: null })).toBe(2);
    });

    it('compares within a type: numbers with numbers, text with strings by code point; scalars never match arrays', async () => {
      const documents = store.collection<Document>(`c_${randomUUID().slice(0, 8)}`);
      const values: Array<[string, unknown]> = [['n9', 9], ['n10', 10], ['s9', '9'], ['s10', '10'], ['sZ', 'Z'], ['sa', 'a'], ['se', 'é'], ['arr', [9, 'a']], ['t', true]];
      for (const [id, value] of values) await documents.put({ id, value });
      const ids = async (filter: Filter) => (await documents.find(filter)).map((doc) => doc.id);
      expect(await ids({ value: { $gte: 9 } })).toEqual(['n10', 'n9']);
      expect(await ids({ value: { $lt: 'a' } })).toEqual(['s10', 's9', 'sZ']);
      expect(await ids({ value: { $gt: 'a' } })).toEqual(['se']);
      expect(await ids({ value: 9 })).toEqual(['n9']);
      expect(await ids({ value: 'a' })).toEqual(['sa']);
      expect(await ids({ value: { $in: [9, 'a'] } })).toEqual(['n9', 'sa']);
      expect(await ids({ value: true })).toEqual(['t']);
      expect(await ids({ value: { $ne: 9 } })).toEqual(['arr', 'n10', 's10', 's9', 'sZ', 'sa', 'se', 't']);
    });

    it('sorts numbers before text and missing or null fields last, in reverse when descending, ties by id', async () => {
      const documents = store.collection<Document>(`c_${randomUUID().slice(0, 8)}`);
      const values: Array<[string, unknown]> = [['a', 10], ['b', 9], ['c', '9'], ['d', 'Z'], ['e', 'a'], ['f', null], ['g', undefined], ['h', 9]];
      for (const [id, value] of values) await documents.put({ id, ...(value === undefined ? {} : { value }) });
      const order = async (direction: 'asc' | 'desc', options: FindOptions = {}) =>
        (await documents.find({}, { sort: { field: 'value', direction }, ...options })).map((doc) => doc.id);
      expect(await order('asc')).toEqual(['b', 'h', 'a', 'c', 'd', 'e', 'f', 'g']);
      expect(await order('desc')).toEqual(['f', 'g', 'e', 'd', 'c', 'a', 'b', 'h']);
      expect(await order('asc', { limit: 4 })).toEqual(['b', 'h', 'a', 'c']);
      expect(await order('desc', { limit: 3 })).toEqual(['f', 'g', 'e']);
      expect(await documents.find({}, { sort: { field: 'id', direction: 'desc' }, limit: 2 })).toEqual([
        { id: 'h', value: 9 },
        { id: 'g' },
      ]);
    });

    it('pages by id in code-point order through every document once, and a limit of 0 finds nothing', async () => {
      const documents = store.collection<Document>(`c_${randomUUID().slice(0, 8)}`);
      const ids = ['10', '9', 'B', 'a', 'é', '1', 'Z', '-', 'aa'];
      for (const id of ids) await documents.put({ id, status: 'same' });
      const seen: string[] = [];
      for (let afterId: string | undefined; ; ) {
        const page = await documents.find({ status: 'same' }, { limit: 2, ...(afterId === undefined ? {} : { afterId }) });
        if (page.length === 0) break;
        seen.push(...page.map((doc) => doc.id));
        afterId = page.at(-1)!.id;
      }
      expect(seen).toEqual(['-', '1', '10', '9', 'B', 'Z', 'a', 'aa', 'é']);
      expect(await documents.find({}, { limit: 0 })).toEqual([]);
    });

    it('makes an index idempotently, also before the first document and on id', async () => {
      const indexedOnly = `c_${randomUUID().slice(0, 8)}`;
      const documents = store.collection<Complaint>(indexedOnly);
      await documents.ensureIndex('status');
      await documents.ensureIndex('status');
      await documents.ensureIndex('id');
      expect(await store.collections()).not.toContain(indexedOnly);
      await documents.put({ id: 'x', status: 'filed', departmentId: 'd' });
      expect(await documents.find({ status: 'filed' })).toHaveLength(1);
      await expect(documents.ensureIndex('a.b')).rejects.toThrow(/unsupported field name/);
    });

    it('keeps one whole document when puts of a new id race (the last write wins, never a mix or an error)', async () => {
      const documents = store.collection<Document>(`c_${randomUUID().slice(0, 8)}`);
      const writers = Array.from({ length: 12 }, (_, writer) => ({ id: 'raced', writer, [`field${writer}`]: true }));
      await Promise.all(writers.map((doc) => documents.put(doc)));
      const kept = await documents.get('raced');
      expect(writers).toContainEqual(kept);
      expect(await documents.count()).toBe(1);
    });

    it('puts many documents at once: new ones inserted, existing ones replaced whole, the later of one id kept', async () => {
      const documents = store.collection<Document>(`c_${randomUUID().slice(0, 8)}`);
      await documents.put({ id: 'old', status: 'filed', gone: 'soon' });
      const awkward = { id: 'a.b$c', _id: 'not the key', nested: { 'x.y': [1, 'é'] } };
      await documents.putMany([{ id: 'old', status: 'accepted' }, { id: 'new', status: 'first' }, awkward, { id: 'new', status: 'second' }]);
      expect(await documents.get('old')).toEqual({ id: 'old', status: 'accepted' });
      expect(await documents.get('new')).toEqual({ id: 'new', status: 'second' });
      expect(await documents.get('a.b$c')).toEqual(awkward);
      expect(await documents.count()).toBe(3);
      await documents.putMany([]);
      expect(await documents.count()).toBe(3);
    });

    it('holds the writes of a unit of work until it commits: its own reads see them, other readers do not', async () => {
      const collectionName = `c_${randomUUID().slice(0, 8)}`;
      const outside = store.collection<Complaint>(collectionName);
      await outside.put({ id: 'kept', status: 'filed', departmentId: 'd1' });
      await outside.put({ id: 'deleted', status: 'filed', departmentId: 'd1' });
      const unit = unitOfWorkOn(store);
      const inside = unit.store.collection<Complaint>(collectionName);
      await inside.put({ id: 'new', status: 'filed', departmentId: 'd1' });
      await inside.put({ id: 'kept', status: 'accepted', departmentId: 'd1' });
      await inside.delete('deleted');
      expect(await inside.get('new')).toEqual({ id: 'new', status: 'filed', departmentId: 'd1' });
      expect(await inside.get('kept')).toEqual({ id: 'kept', status: 'accepted', departmentId: 'd1' });
      expect(await inside.get('deleted')).toBeUndefined();
      expect(await outside.get('new')).toBeUndefined();
      expect(await outside.get('kept')).toEqual({ id: 'kept', status: 'filed', departmentId: 'd1' });
      // A document read back is a copy: changing it changes nothing held.
      (await inside.get('new'))!.status = 'scribbled';
      expect((await inside.get('new'))!.status).toBe('filed');
      await unit.commit();
      expect(await outside.get('new')).toEqual({ id: 'new', status: 'filed', departmentId: 'd1' });
      expect(await outside.get('kept')).toEqual({ id: 'kept', status: 'accepted', departmentId: 'd1' });
      expect(await outside.get('deleted')).toBeUndefined();
    });

    it('answers find and count in a unit of work with its own writes, and drops them all when abandoned', async () => {
      const collectionName = `c_${randomUUID().slice(0, 8)}`;
      await store.collection<Complaint>(collectionName).put({ id: '1', status: 'filed', departmentId: 'd1' });
      const abandoned = unitOfWorkOn(store);
      await abandoned.store.collection<Complaint>(collectionName).put({ id: '2', status: 'filed', departmentId: 'd1' });
      await abandoned.abandon();
      expect(await store.collection(collectionName).count()).toBe(1);

      const unit = unitOfWorkOn(store);
      const inside = unit.store.collection<Complaint>(collectionName);
      await inside.putMany([{ id: '2', status: 'filed', departmentId: 'd2' }, { id: '3', status: 'closed', departmentId: 'd1' }]);
      await inside.delete('1');
      expect((await inside.find({ status: 'filed' })).map((doc) => doc.id)).toEqual(['2']);
      expect(await inside.count({ departmentId: 'd1' })).toBe(1);
      await inside.put({ id: '4', status: 'filed', departmentId: 'd1' });
      expect(await inside.count({ status: 'filed' })).toBe(2);
      await unit.commit();
      expect((await store.collection(collectionName).find()).map((doc) => doc.id)).toEqual(['2', '3', '4']);
    });

    it('refuses field names that are not plain identifiers in filters and sorts', async () => {
      const documents = fresh();
      await expect(documents.find({ 'a.b': 1 })).rejects.toThrow(/unsupported field name/);
      await expect(documents.find({}, { sort: { field: '$where', direction: 'asc' } })).rejects.toThrow(/unsupported field name/);
    });

    it('lists and drops collections without touching others', async () => {
      const keepName = `c_${randomUUID().slice(0, 8)}`;
      const goneName = `c_${randomUUID().slice(0, 8)}`;
      await store.collection<Complaint>(keepName).put({ id: 'k', status: 's', departmentId: 'd' });
      await store.collection<Complaint>(goneName).put({ id: 'g', status: 's', departmentId: 'd' });
      expect(await store.collections()).toEqual(expect.arrayContaining([keepName, goneName]));
      await store.drop([goneName]);
      expect(await store.collection(goneName).get('g')).toBeUndefined();
      expect(await store.collection(keepName).get('k')).toEqual({ id: 'k', status: 's', departmentId: 'd' });
      expect(await store.collections()).not.toContain(goneName);
    });
  });
}
