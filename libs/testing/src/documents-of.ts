import type { RecordedEvent } from '@ledger/events';
import { type Collection, type Document, type DocumentRef, type Projection, type ReadStore, memoryReadStore } from '@ledger/readstore';

let position = 0;

/** A domain event as the bus delivers it, in the stream and at the version given. */
export function recordedAs(streamId: string, streamVersion: number, event: { type: string; data: unknown }): RecordedEvent {
  position += 1;
  return {
    position,
    eventId: `event-${position}`,
    streamId,
    streamVersion,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: { commandId: `command-${position}`, actor: 'test' },
    occurredAt: '2026-03-02T01:00:00.000Z',
    recordedAt: '2026-03-02T01:00:00.000Z',
  };
}

/**
 * Applies the events in order to a fresh store in memory and answers, per event, the documents `apply` read with
 * `get` that the projection's `documentsOf` did not name for it: what a consumer's batch still reads one at a time.
 */
export async function readsLeftOutOfDocumentsOf(projection: Projection, events: readonly RecordedEvent[]): Promise<DocumentRef[][]> {
  const store = memoryReadStore();
  await projection.setup?.(store);
  let reads: DocumentRef[] = [];
  const recording: ReadStore = {
    collections: () => store.collections(),
    drop: (names) => store.drop(names),
    close: () => store.close(),
    collection<Doc extends Document>(name: string): Collection<Doc> {
      const collection = store.collection<Doc>(name);
      return {
        ...collection,
        get: (id: string) => {
          reads.push({ collection: name, id });
          return collection.get(id);
        },
        put: (doc: Doc) => collection.put(doc),
        putMany: (docs: Doc[]) => collection.putMany(docs),
        delete: (id: string) => collection.delete(id),
        find: (...args: Parameters<Collection<Doc>['find']>) => collection.find(...args),
        count: (...args: Parameters<Collection<Doc>['count']>) => collection.count(...args),
        ensureIndex: (field: string) => collection.ensureIndex(field),
      };
    },
  };
  const leftOut: DocumentRef[][] = [];
  for (const event of events) {
    reads = [];
    await projection.apply(event, recording);
    const named = new Set((projection.documentsOf?.(event) ?? []).map((ref) => `${ref.collection}\u0000${ref.id}`));
    leftOut.push(reads.filter((ref) => !named.has(`${ref.collection}\u0000${ref.id}`)));
  }
  return leftOut;
}
