import type { RatingGivenData } from '@ledger/events';
import { ratingPeriodOf } from './rating-period.ts';
import { describe, expect, it } from 'vitest';
import { type LevelCounts, countLevels, countRating, monthStatistics, ratingFactOf, statisticsFromCounts } from './index.ts';

const none: LevelCounts = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };

describe('rating statistics (SPEC 6)', () => {
  it('counts each level, then derives the satisfaction rate and the mean index', () => {
    // Levels 5, 5, 4, 3, 1, 2: rate (1 + 2) / 6 = 0.5; index (100 + 100 + 75 + 50 + 0 + 25) / 6 = 350 / 6.
    const counts = [5, 5, 4, 3, 1, 2].reduce(countRating, none);
    expect(counts).toEqual({ '1': 1, '2': 1, '3': 1, '4': 1, '5': 2 });
    expect(statisticsFromCounts(counts)).toEqual({ total: 6, satisfactionRate: 0.5, meanIndex: 350 / 6 });
  });

  it('divides once, so a rate and an index that are not binary fractions are the correctly rounded values', () => {
    // Levels 4, 4, 5: rate 3/3 = 1; index (75 + 75 + 100) / 3 = 250/3. Levels 4, 1, 1: rate 1/3, index 25.
    expect(statisticsFromCounts([4, 4, 5].reduce(countRating, none))).toEqual({ total: 3, satisfactionRate: 1, meanIndex: 250 / 3 });
    expect(statisticsFromCounts([4, 1, 1].reduce(countRating, none))).toEqual({ total: 3, satisfactionRate: 1 / 3, meanIndex: 25 });
  });

  it('gives null rate and index without ratings, not 0', () => {
    expect(statisticsFromCounts(none)).toEqual({ total: 0, satisfactionRate: null, meanIndex: null });
  });

  it('names the month beside its counts', () => {
    const counts = { ...none, '3': 5, '4': 5, '5': 14 };
    // 24 ratings: rate 19/24; index 25 · (5·2 + 5·3 + 14·4) / 24 = 25 · 81 / 24 = 84.375.
    expect(monthStatistics('2025-06', counts)).toEqual({ month: '2025-06', counts, total: 24, satisfactionRate: 19 / 24, meanIndex: 84.375 });
  });

  it('asks a count per level and files each under its level', async () => {
    const asked: number[] = [];
    const counts = await countLevels(async (level) => {
      asked.push(level);
      return level * 10;
    });
    expect(asked.toSorted()).toEqual([1, 2, 3, 4, 5]);
    expect(counts).toEqual({ '1': 10, '2': 20, '3': 30, '4': 40, '5': 50 });
  });

  it('files a rating under its department and the local month it records, keyed by transaction id', () => {
    // 07:00 on 1 April in Beijing, recorded by the evaluations service as April (UTC would say 31 March).
    const rating: RatingGivenData = { transactionId: 't-1', departmentId: 'tax', platform: 'qr-code', level: 4, ratedAt: '2026-04-01T07:00:00+08:00', year: 2026, month: '2026-04' };
    expect(ratingFactOf(rating)).toEqual({ id: 't-1', departmentMonth: 'tax 2026-04', departmentId: 'tax', month: '2026-04', year: 2026, level: 4 });
  });

  it('takes a rating recorded before ratings carried their month in the default zone (Asia/Shanghai)', () => {
    const recordedBefore: RatingGivenData = { transactionId: 't-2', departmentId: 'tax', platform: 'qr-code', level: 4, ratedAt: '2026-03-31T16:00:00Z', personId: 'p-1' };
    expect(ratingFactOf(recordedBefore)).toEqual({ id: 't-2', departmentMonth: 'tax 2026-04', departmentId: 'tax', month: '2026-04', year: 2026, level: 4, personId: 'p-1' });
    expect(ratingPeriodOf({ ratedAt: '2025-12-31T15:59:59Z' })).toEqual({ year: 2025, month: '2025-12' });
  });
});
