import type { PeopleRankedData, RankingPublishedData } from '@ledger/events';
import type { Document, Projection, ReadStore } from '@ledger/readstore';

export const publishedRankingsCollection = 'rankings-published';
export const peopleRankingsCollection = 'rankings-people';

/** A category's ranking for a closed year, as published. */
export interface PublishedRankingDocument extends Document {
  id: string;
  year: number;
  ranking: RankingPublishedData;
}

/** A department's people ranking for a closed year, as published. */
export interface PeopleRankingDocument extends Document {
  id: string;
  year: number;
  departmentId: string;
  people: PeopleRankedData;
}

/**
 * The published rankings (GET /v1/rankings/…). Each document is derived from one event alone and a
 * published year never changes, so a redelivery writes the same document again.
 */
export const publishedRankingsProjection: Projection = {
  name: 'rankings.published',
  services: ['rankings'],
  eventTypes: ['RankingPublished', 'PeopleRanked'],
  collections: [publishedRankingsCollection, peopleRankingsCollection],
  async setup(store: ReadStore) {
    await store.collection(publishedRankingsCollection).ensureIndex('year');
    await store.collection(peopleRankingsCollection).ensureIndex('year');
  },
  async apply(event, store) {
    if (event.type === 'RankingPublished') {
      const ranking = event.data as RankingPublishedData;
      await store.collection<PublishedRankingDocument>(publishedRankingsCollection).put({ id: `${ranking.year}|${ranking.category}`, year: ranking.year, ranking });
    } else if (event.type === 'PeopleRanked') {
      const people = event.data as PeopleRankedData;
      await store
        .collection<PeopleRankingDocument>(peopleRankingsCollection)
        .put({ id: `${people.year}|${people.departmentId}`, year: people.year, departmentId: people.departmentId, people });
    }
  },
};
