import { describe, expect, it } from 'vitest';
import { levels } from './inputs.testkit.ts';
import { rankPeople } from './people.ts';

describe('ranking people by rating index', () => {
  it('ranks people with at least the minimum of ratings, ties by person id, and lists the rest unranked', () => {
    const people = [
      // 10 ratings: ten 4s. index = 25 · (10·3) / 10 = 75
      { personId: 'p-zhao', departmentId: 'd', ratings: levels({ 4: 10 }) },
      // 12 ratings: six 5s, six 3s. index = 25 · (6·4 + 6·2) / 12 = 25 · 36 / 12 = 75 (tie with p-zhao)
      { personId: 'p-chen', departmentId: 'd', ratings: levels({ 3: 6, 5: 6 }) },
      // 11 ratings: ten 5s, one 1. index = 25 · 40 / 11 = 1000/11 = 90.909…
      { personId: 'p-wang', departmentId: 'd', ratings: levels({ 1: 1, 5: 10 }) },
      // 9 ratings of 5: index 100 but under the minimum of 10
      { personId: 'p-li', departmentId: 'd', ratings: levels({ 5: 9 }) },
    ];
    expect(rankPeople(people, 10)).toEqual({
      items: [
        { personId: 'p-wang', rank: 1, ratingCount: 11, ratingIndex: 1000 / 11, exactRatingIndex: '1000/11' },
        { personId: 'p-chen', rank: 2, ratingCount: 12, ratingIndex: 75, exactRatingIndex: '75' },
        { personId: 'p-zhao', rank: 3, ratingCount: 10, ratingIndex: 75, exactRatingIndex: '75' },
      ],
      unranked: [{ personId: 'p-li', ratingCount: 9 }],
    });
  });

  it('uses the minimum the policy gives', () => {
    expect(rankPeople([{ personId: 'p-li', departmentId: 'd', ratings: levels({ 5: 9 }) }], 9).items).toHaveLength(1);
  });
});
