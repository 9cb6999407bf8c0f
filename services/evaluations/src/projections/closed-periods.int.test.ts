import { describeProjectionOnEveryReadStore } from '@ledger/testing/projection-read-stores';
import { expect, it } from 'vitest';
import { closedPeriodsCollection, closedPeriodsProjection, isPeriodClosed } from './closed-periods.ts';
import { recorded } from './recorded.testkit.ts';
import { defaultEvaluationPolicy } from '@ledger/evaluation-policy';

const closedAt = (year: number) => `${year + 1}-01-20T09:00:00Z`;
const periodClosed = (year: number) =>
  recorded(`period-${year}`, 'PeriodClosed', { year, policy: defaultEvaluationPolicy, categories: [], at: closedAt(year) });

/** The same behaviour on every read store the ledger runs on: embedded PGlite, PostgreSQL, MongoDB. */
await describeProjectionOnEveryReadStore('closed years', closedPeriodsProjection, (under) => {

  it('knows a year closed once its PeriodClosed is applied, and no other year', async () => {
    expect(await isPeriodClosed(under.store, 2024)).toBe(false);
    await under.apply(periodClosed(2024));
    expect(await isPeriodClosed(under.store, 2024)).toBe(true);
    expect(await isPeriodClosed(under.store, 2025)).toBe(false);
    expect(await isPeriodClosed(under.store, 2023)).toBe(false);
  });

  it('keeps one document per year however often and in whatever order the closes are redelivered', async () => {
    const close2021 = periodClosed(2021);
    const close2022 = periodClosed(2022);
    await under.apply(close2022, close2021, close2022, close2021, close2022);
    const documents = await under.store.collection(closedPeriodsCollection).find({ year: { $in: [2021, 2022] } }, { sort: { field: 'year', direction: 'asc' } });
    expect(documents).toEqual([
      { id: '2021', year: 2021, closedAt: closedAt(2021) },
      { id: '2022', year: 2022, closedAt: closedAt(2022) },
    ]);
  });

  it("writes nothing for the close's other events, even for a year never closed", async () => {
    const before = await under.store.collection(closedPeriodsCollection).count();
    await under.apply(
      recorded('period-2030', 'RankingPublished', { year: 2030, category: 'vertical', policyVersion: 0, bottomCount: 3, items: [], unscored: [], at: closedAt(2030) }),
      recorded('period-2030', 'PeopleRanked', { year: 2030, departmentId: 'tax', minimumRatings: 10, items: [], unranked: [], at: closedAt(2030) }),
    );
    expect(await under.store.collection(closedPeriodsCollection).count()).toBe(before);
    expect(await isPeriodClosed(under.store, 2030)).toBe(false);
  });
});
