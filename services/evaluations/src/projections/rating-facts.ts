import { RatingGiven, type RatingGivenData } from '@ledger/events';
import type { Document, Projection, ReadStore } from '@ledger/readstore';
import { type RatingFactFields, countLevels, departmentMonthKey, ratingFactOf } from '@ledger/rating-statistics';
import type { LevelCounts } from '@ledger/rating-statistics';

export const ratingFactsCollection = 'evaluations_ratings';

/**
 * One rating, filed under its department and month (`ratingFactOf`). Counting these at read time, instead
 * of bumping a counter per event, makes the model safe under at-least-once delivery without bookkeeping: a
 * redelivered rating writes the same document again (its id is the transaction id, rated once). A counter
 * would need the set of rating streams already counted kept in the month's document, which grows with every rating.
 */
export interface RatingFact extends Document, RatingFactFields {}

/** SPEC 6 monthly statistics per department: the ratings, by department and the local month the rating counts in (SPEC "Local time"). */
export const ratingFactsProjection: Projection = {
  name: 'evaluations.rating-facts',
  services: ['evaluations'],
  eventTypes: [RatingGiven.type],
  collections: [ratingFactsCollection],
  async setup(store: ReadStore) {
    await store.collection(ratingFactsCollection).ensureIndex('departmentMonth');
  },
  async apply(event, store) {
    if (event.type !== RatingGiven.type) return;
    await store.collection<RatingFact>(ratingFactsCollection).put(ratingFactOf(event.data as RatingGivenData));
  },
};

/** The month's counts per level: five counts over the month's ratings, found by their indexed key. */
export async function levelCountsOf(store: ReadStore, departmentId: string, month: string): Promise<LevelCounts> {
  const facts = store.collection<RatingFact>(ratingFactsCollection);
  const departmentMonth = departmentMonthKey(departmentId, month);
  return countLevels((level) => facts.count({ departmentMonth, level }));
}
