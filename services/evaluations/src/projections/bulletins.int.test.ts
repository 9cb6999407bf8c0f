import { describeProjectionOnEveryReadStore } from '@ledger/testing/projection-read-stores';
import { expect, it } from 'vitest';
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
});
