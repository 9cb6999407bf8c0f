import { type Document, type ReadStore, memoryReadStore } from '@ledger/readstore';
import { recordedAs } from '@ledger/testing';
import { describe, expect, it } from 'vitest';
import { accepted, closed, complaintId, filed, found } from '../domain/scenario.testkit.ts';
import { complaintStreamPrefix } from '../streams.ts';
import { complaintsCollection, complaintListProjection } from './complaint-list.ts';
import { complaintFactsCollection, complaintStatisticsProjection } from './complaint-statistics.ts';

const lifecycle = [filed, accepted(), found('valid'), closed(5)].map((event, version) => recordedAs(`${complaintStreamPrefix}${complaintId}`, version, event));

/** Each event offered to both models, one object for both as a replay hands it. */
async function applyBoth(store: ReadStore): Promise<{ listed: Document & { state: unknown }; fact: Document & { state: unknown } }> {
  for (const event of lifecycle) {
    await complaintListProjection.apply(event, store);
    await complaintStatisticsProjection.apply(event, store);
  }
  const listed = (await store.collection<Document & { state: unknown }>(complaintsCollection).get(complaintId))!;
  const fact = (await store.collection<Document & { state: unknown }>(complaintFactsCollection).get(complaintId))!;
  return { listed, fact };
}

describe('the complaint fold shared by the list and the statistics', () => {
  it('leaves one state for both documents when they are handed the same events, and the same documents as folds of their own', async () => {
    const shared = await applyBoth(memoryReadStore('frozen'));
    expect(shared.fact.state).toBe(shared.listed.state);
    // Copies: each model reads its own state, nothing is shared, every event is folded by each.
    const own = await applyBoth(memoryReadStore('copies'));
    expect(JSON.parse(JSON.stringify(shared))).toEqual(JSON.parse(JSON.stringify(own)));
    expect(own.listed).toEqual(expect.objectContaining({ status: 'closed' }));
  });
});
