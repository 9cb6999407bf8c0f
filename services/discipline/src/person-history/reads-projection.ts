import type { Document, Projection, ReadStore } from '@ledger/readstore';
import type { PersonHistoryReadEvent } from '../domain/index.ts';

export const historyReadsCollection = 'discipline-history-reads';

/** One recorded read of a person's history (SPEC 8), for auditors. */
export interface HistoryReadDocument extends Document {
  /** recordedAt then event id: ids sort in the order the reads were recorded. */
  id: string;
  personId: string;
  reader: string;
  /** Absent when the reader stated no reason. */
  reason?: string;
  asOf?: string;
  at: string;
  recordedAt: string;
}

/** Who read whose history, when and why: every PersonHistoryRead, listable by person and reader. */
export const historyReadsProjection: Projection = {
  name: 'discipline.history-reads',
  services: ['discipline'],
  eventTypes: ['PersonHistoryRead'],
  collections: [historyReadsCollection],
  async setup(store: ReadStore) {
    const reads = store.collection(historyReadsCollection);
    for (const field of ['personId', 'reader']) await reads.ensureIndex(field);
  },
  async apply(event, store) {
    if (event.type !== 'PersonHistoryRead') return;
    const { data } = { data: event.data } as PersonHistoryReadEvent;
    const recordedAt = new Date(event.recordedAt).toISOString();
    // Derived from the event alone: a redelivery writes the same document again.
    await store.collection<HistoryReadDocument>(historyReadsCollection).put({ id: `${recordedAt}|${event.eventId}`, ...data, recordedAt });
  },
};
