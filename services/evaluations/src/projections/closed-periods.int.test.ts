import type { ReadStore } from '@ledger/readstore';
import { projectionReadStores } from '@ledger/testing/projection-read-stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPeriodsCollection, closedPeriodsProjection, isPeriodClosed } from './closed-periods.ts';
import { recorded } from './recorded.testkit.ts';
import { defaultEvaluationPolicy } from '@ledger/evaluation-policy';

const closedAt = (year: number) => `${year + 1}-01-20T09:00:00Z`;
const periodClosed = (year: number) =>
  recorded(`period-${year}`, 'PeriodClosed', { year, policy: defaultEvaluationPolicy, categories: [], at: closedAt(year) });

/** The same behaviour on every read store the ledger runs on: embedded PGlite, PostgreSQL, MongoDB. */
for (const { name, open } of await projectionReadStores([closedPeriodsCollection])) {
  describe(`closed years on ${name}`, () => {
    let store: ReadStore;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, dispose } = await open());
    });
    afterAll(async () => dispose());
    const apply = async (...events: ReturnType<typeof recorded>[]) => {
      for (const event of events) await closedPeriodsProjection.apply(event, store);
    };

    it('knows a year closed once its PeriodClosed is applied, and no other year', async () => {
      expect(await isPeriodClosed(store, 2024)).toBe(false);
      await apply(periodClosed(2024));
      expect(await isPeriodClosed(store, 2024)).toBe(true);
      expect(await isPeriodClosed(store, 2025)).toBe(false);
      expect(await isPeriodClosed(store, 2023)).toBe(false);
    });

    it('keeps one document per year however often and in whatever order the closes are redelivered', async () => {
      const close2021 = periodClosed(2021);
      const close2022 = periodClosed(2022);
      await apply(close2022, close2021, close2022, close2021, close2022);
      const documents = await store.collection(closedPeriodsCollection).find({ year: { $in: [2021, 2022] } }, { sort: { field: 'year', direction: 'asc' } });
      expect(documents).toEqual([
        { id: '2021', year: 2021, closedAt: closedAt(2021) },
        { id: '2022', year: 2022, closedAt: closedAt(2022) },
      ]);
    });

    it("writes nothing for the close's other events, even for a year never closed", async () => {
      const before = await store.collection(closedPeriodsCollection).count();
      await apply(
        recorded('period-2030', 'RankingPublished', { year: 2030, category: 'vertical', policyVersion: 0, bottomCount: 3, items: [], unscored: [], at: closedAt(2030) }),
        recorded('period-2030', 'PeopleRanked', { year: 2030, departmentId: 'tax', minimumRatings: 10, items: [], unranked: [], at: closedAt(2030) }),
      );
      expect(await store.collection(closedPeriodsCollection).count()).toBe(before);
      expect(await isPeriodClosed(store, 2030)).toBe(false);
    });
  });
}
