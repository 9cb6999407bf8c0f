import { type LevelCounts, RatingGiven, type RatingGivenData, emptyLevelCounts, ratingLevels, utcMonthOf } from '@ledger/events';
import type { Document, Projection, ReadStore } from '@ledger/readstore';

export const ratingFactsCollection = 'evaluations_ratings';

/**
 * One rating, filed under its department and month. Counting these at read time, instead of bumping a
 * counter per event, makes the model safe under at-least-once delivery without bookkeeping: a redelivered
 * rating writes the same document again (its id is the transaction id, rated once). A counter would need
 * the set of rating streams already counted kept in the month's document, which grows with every rating.
 */
export interface RatingFact extends Document {
  id: string;
  /** `<departmentId> <YYYY-MM>`: the key statistics are read by (a space cannot occur in a month). */
  departmentMonth: string;
  departmentId: string;
  month: string;
  level: number;
  personId?: string;
}

export const departmentMonthKey = (departmentId: string, month: string): string => `${departmentId} ${month}`;

/** SPEC 6 monthly statistics per department: the ratings, by department and month of `ratedAt` (UTC). */
export const ratingFactsProjection: Projection = {
  name: 'evaluations.rating-facts',
  services: ['evaluations'],
  collections: [ratingFactsCollection],
  async setup(store: ReadStore) {
    await store.collection(ratingFactsCollection).ensureIndex('departmentMonth');
  },
  async apply(event, store) {
    if (event.type !== RatingGiven.type) return;
    const rating = event.data as RatingGivenData;
    const month = utcMonthOf(rating.ratedAt);
    await store.collection<RatingFact>(ratingFactsCollection).put({
      id: rating.transactionId,
      departmentMonth: departmentMonthKey(rating.departmentId, month),
      departmentId: rating.departmentId,
      month,
      level: rating.level,
      ...(rating.personId === undefined ? {} : { personId: rating.personId }),
    });
  },
};

/** The month's counts per level: five counts over the month's ratings, found by their indexed key. */
export async function levelCountsOf(store: ReadStore, departmentId: string, month: string): Promise<LevelCounts> {
  const facts = store.collection<RatingFact>(ratingFactsCollection);
  const departmentMonth = departmentMonthKey(departmentId, month);
  const counts = emptyLevelCounts();
  await Promise.all(
    ratingLevels.map(async (level) => {
      counts[String(level) as keyof LevelCounts] = await facts.count({ departmentMonth, level });
    }),
  );
  return counts;
}
