import type { RecordedEvent } from '@ledger/events';
import type { ReadStore } from '@ledger/readstore';
import { projectionReadStores } from '@ledger/testing/projection-read-stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentMonthlyStatistics, departmentRatingsProjection } from './department-ratings.ts';

let position = 0;
const rated = (transactionId: string, departmentId: string, level: number, ratedAt: string): RecordedEvent => {
  position += 1;
  const data = { transactionId, departmentId, platform: 'qr-code', level, ratedAt };
  const at = '2026-12-01T00:00:00Z';
  return { position, eventId: `rating-event-${position}`, streamId: `rating-${transactionId}`, streamVersion: 0, type: 'RatingGiven', schemaVersion: 1, data, metadata: { commandId: `c-${position}` }, occurredAt: at, recordedAt: at };
};

/** The same statistics on every read store the ledger runs on, however often a rating is delivered. */
function departmentRatingsOn(engine: string, open: () => Promise<{ store: ReadStore; dispose(): Promise<void> }>) {
  describe(`department monthly rating statistics for the accountability view on ${engine}`, () => {
    let store: ReadStore;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, dispose } = await open());
      await departmentRatingsProjection.setup!(store);
      const ratings = [
        // A rating that does not record its month counts in the default zone, China Standard Time: 23:59:59 on
        // 31 December 2025 in UTC is already 1 January 2026 there, as is 07:00 on 1 January at +08:00.
        rated('t1', 'tax', 5, '2025-12-31T23:59:59Z'),
        rated('t2', 'tax', 2, '2026-01-01T07:00:00+08:00'),
        rated('t3', 'tax', 4, '2026-03-02T00:00:00Z'),
        rated('t4', 'tax', 4, '2026-03-20T00:00:00Z'),
        rated('t5', 'tax', 1, '2026-03-31T23:30:00-01:00'),
        rated('t6', 'customs', 3, '2026-03-05T00:00:00Z'),
      ];
      // Every rating delivered twice, some a third time out of order: each counts once.
      for (const event of [...ratings, ...ratings.toReversed(), ratings[2]!]) await departmentRatingsProjection.apply(event, store);
    });
    afterAll(async () => dispose());

    it("lists a year's months with ratings in order, each counted by level with its rate and mean index", async () => {
      // 2026-01: levels 5, 2 → rate 1/2, index (100 + 25) / 2 = 62.5. 2026-03: levels 4, 4 → rate 1, index 75.
      // 2026-04: level 1 (23:30 on 31 March at −01:00 is 08:30 on 1 April in Beijing) → rate 0, index 0.
      expect(await departmentMonthlyStatistics(store, 'tax', 2026)).toEqual([
        { month: '2026-01', counts: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 }, total: 2, satisfactionRate: 0.5, meanIndex: 62.5 },
        { month: '2026-03', counts: { '1': 0, '2': 0, '3': 0, '4': 2, '5': 0 }, total: 2, satisfactionRate: 1, meanIndex: 75 },
        { month: '2026-04', counts: { '1': 1, '2': 0, '3': 0, '4': 0, '5': 0 }, total: 1, satisfactionRate: 0, meanIndex: 0 },
      ]);
    });

    it('lists every month without a year, and nothing for a department or year without ratings', async () => {
      expect((await departmentMonthlyStatistics(store, 'tax')).map(({ month, total, satisfactionRate, meanIndex }) => [month, total, satisfactionRate, meanIndex])).toEqual([
        ['2026-01', 2, 0.5, 62.5],
        ['2026-03', 2, 1, 75],
        ['2026-04', 1, 0, 0],
      ]);
      expect(await departmentMonthlyStatistics(store, 'customs', 2025)).toEqual([]);
      expect(await departmentMonthlyStatistics(store, 'land')).toEqual([]);
    });
  });
}

for (const { name, open } of await projectionReadStores(departmentRatingsProjection.collections)) departmentRatingsOn(name, open);
