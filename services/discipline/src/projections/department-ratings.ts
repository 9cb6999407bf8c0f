import { RatingGiven, type RatingGivenData } from '@ledger/events';
import { type MonthStatistics, type RatingFactFields, countLevels, monthStatistics, ratingFactOf } from '@ledger/rating-statistics';
import { type Document, type Projection, type ReadStore, everyDocument } from '@ledger/readstore';

export const ratingFactsCollection = 'discipline-rating-facts';
export const ratingMonthsCollection = 'discipline-rating-months';

/** One rating, by transaction id: a redelivered rating writes the same document again and counts once. */
export interface DisciplineRatingFact extends Document, RatingFactFields {}

/** A month in which a department was rated: the months its statistics list, found without reading every rating. */
export interface RatedMonth extends Document {
  /** The facts' `departmentMonth` key. */
  id: string;
  departmentId: string;
  month: string;
  year: number;
}

/**
 * The ratings behind a department's monthly statistics in its accountability view (SPEC 6, 7), counted at
 * read time with @ledger/rating-statistics, as the evaluations service counts its own copy.
 */
export const departmentRatingsProjection: Projection = {
  name: 'discipline.department-ratings',
  services: ['evaluations'],
  eventTypes: [RatingGiven.type],
  collections: [ratingFactsCollection, ratingMonthsCollection],
  async setup(store: ReadStore) {
    await store.collection(ratingFactsCollection).ensureIndex('departmentMonth');
    const months = store.collection(ratingMonthsCollection);
    for (const field of ['departmentId', 'year']) await months.ensureIndex(field);
  },
  async apply(event, store) {
    if (event.type !== RatingGiven.type) return;
    const fact = ratingFactOf(event.data as RatingGivenData);
    // The fact first: a month is never listed before a rating in it can be counted.
    await store.collection<DisciplineRatingFact>(ratingFactsCollection).put(fact);
    await store.collection<RatedMonth>(ratingMonthsCollection).put({
      id: fact.departmentMonth,
      departmentId: fact.departmentId,
      month: fact.month,
      year: fact.year,
    });
  },
};

/** A department's statistics per month with ratings, in month order; one year's months, or all of them. */
export async function departmentMonthlyStatistics(store: ReadStore, departmentId: string, year?: number): Promise<MonthStatistics[]> {
  const facts = store.collection<DisciplineRatingFact>(ratingFactsCollection);
  const months = await everyDocument(store.collection<RatedMonth>(ratingMonthsCollection), { departmentId, ...(year === undefined ? {} : { year }) });
  const statistics = await Promise.all(
    months.map(async ({ id: departmentMonth, month }) => monthStatistics(month, await countLevels((level) => facts.count({ departmentMonth, level })))),
  );
  return statistics.toSorted((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}
