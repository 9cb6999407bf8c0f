import type { PeopleRankedData } from '@ledger/events';
import type { Exact } from './exact.ts';
import { compare, ratio, toFraction, toNumber } from './exact.ts';
import type { PersonRatings } from './inputs.ts';
import { byId } from './inputs.ts';
import { ratingIndexFraction, totalOf } from '@ledger/rating-statistics';

/**
 * People of one department ranked by their exact rating index (mean of (level − 1) / 4 × 100) over the
 * ratings given in that department in the year; equal indexes in person id order. Fewer ratings than
 * `minimumRatings` (default 10): listed as unranked with their count, so the omission is visible.
 */
export function rankPeople(
  people: readonly PersonRatings[],
  minimumRatings: number,
): Pick<PeopleRankedData, 'items' | 'unranked'> {
  const eligible: Array<{ personId: string; ratingCount: number; index: Exact }> = [];
  const unranked: PeopleRankedData['unranked'] = [];
  for (const person of people) {
    const ratingCount = totalOf(person.ratings);
    const fraction = ratingIndexFraction(person.ratings);
    if (fraction === null) continue;
    if (ratingCount < minimumRatings) unranked.push({ personId: person.personId, ratingCount });
    else eligible.push({ personId: person.personId, ratingCount, index: ratio(fraction.numerator, fraction.denominator) });
  }
  return {
    items: eligible.toSorted((a, b) => compare(b.index, a.index) || byId(a.personId, b.personId)).map((person, position) => ({
      personId: person.personId,
      rank: position + 1,
      ratingCount: person.ratingCount,
      ratingIndex: toNumber(person.index),
      exactRatingIndex: toFraction(person.index),
    })),
    unranked: unranked.toSorted((a, b) => byId(a.personId, b.personId)),
  };
}
