import type { ReadStore } from '@ledger/readstore';
import { projectionReadStores } from '@ledger/testing/projection-read-stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BulletinDocument, bulletinsCollection, bulletinsProjection } from './bulletins.ts';
import { recorded } from './recorded.testkit.ts';

const published = (bulletinId: string, corrects?: string) =>
  recorded(`bulletin-${bulletinId}`, 'BulletinPublished', {
    bulletinId,
    kind: 'notice',
    title: `通报 ${bulletinId}`,
    body: '正文',
    subjects: [],
    ...(corrects ? { corrects } : {}),
    publishedAt: '2026-05-01T09:00:00+08:00',
  });

/** The same behaviour on every read store the ledger runs on: embedded PGlite, PostgreSQL, MongoDB. */
for (const { name, open } of await projectionReadStores([bulletinsCollection])) {
  describe(`bulletins on ${name}`, () => {
    let store: ReadStore;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, dispose } = await open());
    });
    afterAll(async () => dispose());
    const apply = async (...events: ReturnType<typeof recorded>[]) => {
      for (const event of events) await bulletinsProjection.apply(event, store);
    };
    const correctedByOf = async (...bulletinIds: string[]) => {
      const documents = await store.collection<BulletinDocument>(bulletinsCollection).find({ bulletinId: { $in: bulletinIds } });
      return Object.fromEntries(documents.map((doc) => [doc.bulletinId, doc.correctedBy]));
    };

    it('names on a corrected bulletin the later ones that correct it, in the order of publication', async () => {
      const original = published('b-1');
      await apply(original, published('b-2'), published('b-3', 'b-1'), published('b-4', 'b-1'));
      expect(await correctedByOf('b-1', 'b-2', 'b-3', 'b-4')).toEqual({ 'b-1': ['b-3', 'b-4'], 'b-2': undefined, 'b-3': undefined, 'b-4': undefined });
      // A redelivery of the corrected bulletin's own event keeps what the corrections said.
      await apply(original);
      expect(await correctedByOf('b-1')).toEqual({ 'b-1': ['b-3', 'b-4'] });
    });

    it('gives the same documents when the correction arrives before the bulletin it corrects (other partitions)', async () => {
      const original = published('c-1');
      const correction = published('c-2', 'c-1');
      await apply(correction, original, correction);
      expect(await correctedByOf('c-1', 'c-2')).toEqual({ 'c-1': ['c-2'], 'c-2': undefined });
    });
  });
}
