import { calendarIn } from '@ledger/calendar';
import type { RatingGivenData } from '@ledger/events';
import { ratingPeriodIn } from '@ledger/rating-statistics';
import { describe, expect, it } from 'vitest';
import { monthlyStatistics } from './statistics.ts';

/** A rating as the evaluations service records it: with the local year and month it counts in (Beijing). */
const rating = (transactionId: string, level: number, ratedAt: string, departmentId = 'dept-permits'): RatingGivenData => ({
  transactionId,
  departmentId,
  platform: 'service-center',
  level,
  ratedAt,
  ...ratingPeriodIn(calendarIn('Asia/Shanghai'), ratedAt),
});

describe('monthly statistics', () => {
  // March 2026 for dept-permits (local, Asia/Shanghai): levels 5, 5, 4, 3, 1, 2 = six ratings.
  //   counts: 1→1, 2→1, 3→1, 4→1, 5→2
  //   satisfaction rate = (1 + 2) / 6 = 0.5
  //   mean index = mean of (level − 1) / 4 × 100 = (100 + 100 + 75 + 50 + 0 + 25) / 6 = 350 / 6 = 58.333…
  const ratings = [
    rating('t1', 5, '2026-03-01T00:00:00Z'),
    rating('t2', 5, '2026-03-10T09:00:00+08:00'),
    rating('t3', 4, '2026-03-15T12:00:00Z'),
    rating('t4', 3, '2026-03-20T12:00:00Z'),
    // The last second of March in Beijing: March.
    rating('t5', 1, '2026-03-31T23:59:59+08:00'),
    // 16:00 UTC on 31 March is 00:00 on 1 April in Beijing: April, not March.
    rating('t6', 5, '2026-03-31T16:00:00Z'),
    // 16:00 UTC on 28 February is 00:00 on 1 March in Beijing: March.
    rating('t7', 2, '2026-02-28T16:00:00Z'),
    // Another department, and another month (23:59:59 on 28 February in Beijing): not counted.
    rating('t8', 1, '2026-03-05T12:00:00Z', 'dept-tax'),
    rating('t9', 1, '2026-02-28T15:59:59Z'),
  ];

  it('counts each level and derives the satisfaction rate and the mean index', () => {
    const result = monthlyStatistics(ratings, 'dept-permits', '2026-03');
    expect(result).toEqual({
      ok: true,
      statistics: {
        departmentId: 'dept-permits',
        month: '2026-03',
        total: 6,
        counts: { '1': 1, '2': 1, '3': 1, '4': 1, '5': 2 },
        satisfactionRate: 0.5,
        meanIndex: 350 / 6,
      },
    });
  });

  it('gives zero counts and null rate and index for a month without ratings', () => {
    expect(monthlyStatistics(ratings, 'dept-permits', '2026-05')).toEqual({
      ok: true,
      statistics: {
        departmentId: 'dept-permits',
        month: '2026-05',
        total: 0,
        counts: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
        satisfactionRate: null,
        meanIndex: null,
      },
    });
  });

  it('refuses a malformed month naming the field', () => {
    expect(monthlyStatistics(ratings, 'dept-permits', '2026-13')).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'invalid-month', field: 'month' }),
    });
  });
});
