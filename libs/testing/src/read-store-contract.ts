import { randomUUID } from 'node:crypto';
import type { ReadStore } from '@ledger/readstore';
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
