import type { ReadStore } from '@ledger/readstore';
import { projectionReadStores } from '@ledger/testing/projection-read-stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { levelCountsOf, ratingFactsCollection, ratingFactsProjection } from './rating-facts.ts';
import { recorded } from './recorded.testkit.ts';

const rated = (transactionId: string, departmentId: string, level: number, ratedAt: string) =>
  recorded(`rating-${transactionId}`, 'RatingGiven', { transactionId, departmentId, platform: 'qr-code', level, ratedAt });

/** The same behaviour on every read store the ledger runs on: embedded PGlite, PostgreSQL, MongoDB. */
function ratingFactsOn(engine: string, open: () => Promise<{ store: ReadStore; dispose(): Promise<void> }>) {
  describe(`monthly rating statistics on ${engine}`, () => {
    let store: ReadStore;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, dispose } = await open());
      await ratingFactsProjection.setup!(store);
    });
    afterAll(async () => dispose());

    it('counts a department month by level, by the local month a rating records, apart from other departments and months', async () => {
      const events = [
        rated('t1', 'tax', 5, '2026-03-01T00:00:00Z'),
        // Ratings recorded before they carried their month count in the default zone, China Standard Time:
        // 23:59 on 31 March UTC and 23:30 on 31 March at −01:00 are already 1 April there.
        rated('t2', 'tax', 3, '2026-03-31T23:59:59Z'),
        rated('t3', 'tax', 3, '2026-04-01T07:00:00+08:00'),
        rated('t4', 'tax', 1, '2026-03-31T23:30:00-01:00'),
        rated('t5', 'tax 2026-03', 2, '2026-03-02T00:00:00Z'),
        rated('t6', 'customs', 4, '2026-03-02T00:00:00Z'),
        // A rating that records its period counts there, whatever the instant says in another zone.
        recorded('rating-t7', 'RatingGiven', { transactionId: 't7', departmentId: 'tax', platform: 'qr-code', level: 4, ratedAt: '2026-04-30T20:00:00Z', year: 2026, month: '2026-05' }),
      ];
      for (const event of events) await ratingFactsProjection.apply(event, store);
      expect(await levelCountsOf(store, 'tax', '2026-03')).toEqual({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 });
      expect(await levelCountsOf(store, 'tax', '2026-04')).toEqual({ '1': 1, '2': 0, '3': 2, '4': 0, '5': 0 });
      expect(await levelCountsOf(store, 'tax 2026-03', '2026-03')).toEqual({ '1': 0, '2': 1, '3': 0, '4': 0, '5': 0 });
      expect(await levelCountsOf(store, 'tax', '2026-05')).toEqual({ '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 });
      expect(await levelCountsOf(store, 'tax', '2026-06')).toEqual({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 });
    });

    it('counts a redelivered rating once, whenever it comes again', async () => {
      const first = rated('r1', 'land', 2, '2026-07-01T00:00:00Z');
      const second = rated('r2', 'land', 2, '2026-07-02T00:00:00Z');
      for (const event of [first, first, second, first, second]) await ratingFactsProjection.apply(event, store);
      expect(await levelCountsOf(store, 'land', '2026-07')).toEqual({ '1': 0, '2': 2, '3': 0, '4': 0, '5': 0 });
    });

    it('writes nothing for the other events of the service', async () => {
      const before = await store.collection(ratingFactsCollection).count();
      await ratingFactsProjection.apply(recorded('evaluation-tax-2026', 'SurveyScored', { departmentId: 'tax', year: 2026, score: 80, at: '2026-05-01T00:00:00Z' }), store);
      expect(await store.collection(ratingFactsCollection).count()).toBe(before);
    });
  });
}

for (const { name, open } of await projectionReadStores([ratingFactsCollection])) ratingFactsOn(name, open);
