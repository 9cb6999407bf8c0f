import { describeProjectionOnEveryReadStore } from '@ledger/testing/projection-read-stores';
import { expect, it } from 'vitest';
import { type BulletinDocument, bulletinOrders, bulletinsCollection, bulletinsPage, bulletinsProjection } from './bulletins.ts';
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
await describeProjectionOnEveryReadStore('bulletins', bulletinsProjection, (under) => {
  const correctedByOf = async (...bulletinIds: string[]) => {
    const documents = await under.store.collection<BulletinDocument>(bulletinsCollection).find({ bulletinId: { $in: bulletinIds } });
    return Object.fromEntries(documents.map((doc) => [doc.bulletinId, doc.correctedBy]));
  };

  it('names on a corrected bulletin the later ones that correct it, in the order of publication', async () => {
    const original = published('b-1');
    await under.apply(original, published('b-2'), published('b-3', 'b-1'), published('b-4', 'b-1'));
    expect(await correctedByOf('b-1', 'b-2', 'b-3', 'b-4')).toEqual({ 'b-1': ['b-3', 'b-4'], 'b-2': undefined, 'b-3': undefined, 'b-4': undefined });
    // A redelivery of the corrected bulletin's own event keeps what the corrections said.
    await under.apply(original);
    expect(await correctedByOf('b-1')).toEqual({ 'b-1': ['b-3', 'b-4'] });
  });

  it('gives the same documents when the correction arrives before the bulletin it corrects (other partitions)', async () => {
    const original = published('c-1');
    const correction = published('c-2', 'c-1');
    await under.apply(correction, original, correction);
    expect(await correctedByOf('c-1', 'c-2')).toEqual({ 'c-1': ['c-2'], 'c-2': undefined });
  });

  it('pages the bulletins in the order of publication or the newest first, `next` continuing in the same order', async () => {
    await under.apply(published('d-1'), published('d-2'), published('d-3'), published('d-4', 'd-1'), published('d-5'));
    const everyPage = async (order: (typeof bulletinOrders)[number]) => {
      const pages: string[][] = [];
      let after: string | undefined;
      do {
        const page = await bulletinsPage(under.store, { order, limit: 2, ...(after ? { after } : {}) });
        pages.push(page.items.map((doc) => doc.bulletinId));
        after = page.next;
      } while (after);
      return pages;
    };
    const newest = await everyPage('newest');
    // The newest are on the first page however many there are; a corrected bulletin keeps its place.
    expect(newest[0]).toEqual(['d-5', 'd-4']);
    expect(newest[1]).toEqual(['d-3', 'd-2']);
    expect(newest.every((page) => page.length === 2 || page === newest.at(-1))).toBe(true);
    const oldest = await everyPage('oldest');
    expect(newest.flat()).toEqual(oldest.flat().toReversed());
    expect(oldest.flat().slice(-5)).toEqual(['d-1', 'd-2', 'd-3', 'd-4', 'd-5']);
  });
});
