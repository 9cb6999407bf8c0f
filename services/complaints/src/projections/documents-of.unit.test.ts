import { readsLeftOutOfDocumentsOf, recordedAs } from '@ledger/testing';
import { describe, expect, it } from 'vitest';
import { accepted, closed, complaintId, filed, found } from '../domain/scenario.testkit.ts';
import { complaintStreamPrefix } from '../streams.ts';
import { complaintListProjection } from './complaint-list.ts';
import { complaintStatisticsProjection } from './complaint-statistics.ts';

const lifecycle = [filed, accepted(), found('valid'), closed(5)].map((event, version) => recordedAs(`${complaintStreamPrefix}${complaintId}`, version, event));

describe('the documents the complaint read models say an event touches', () => {
  it.each([complaintListProjection, complaintStatisticsProjection])('name every document $name reads, so a batch reads them in one go', async (projection) => {
    expect(await readsLeftOutOfDocumentsOf(projection, lifecycle)).toEqual(lifecycle.map(() => []));
    // Without the hint, each event is a read of its own.
    const { documentsOf: _hint, ...unhinted } = projection;
    expect((await readsLeftOutOfDocumentsOf(unhinted, lifecycle)).map((reads) => reads.length)).toEqual(lifecycle.map(() => 1));
  });
});
