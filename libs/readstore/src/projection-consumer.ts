import { type RecordedEvent, type ServiceName, handledEventTypes } from '@ledger/events';
import type { SqlWrite } from '@ledger/sql';
import type { DocumentRef, Projection, ReadStore, UnitOfWork } from './port.ts';
import { unitOfWorkOn } from './unit-of-work.ts';

/** A projection bound to the store it writes: the shape of a bus consumer (see @ledger/messaging). */
export interface ProjectionConsumer {
  name: string;
  services: readonly ServiceName[];
  eventTypes: readonly string[];
  handle(event: RecordedEvent): Promise<void>;
  /** Applies the events in one unit of work; `alongWith` (the bus's checkpoint) commits with it where the store can. */
  handleBatch(events: readonly RecordedEvent[], alongWith?: SqlWrite): Promise<boolean>;
}

/**
 * Runs a projection on a store the way the bus needs it: every batch of events (one event on its own too) is
 * one unit of work, so its writes are stored together, with the bus's checkpoint where the store shares its
 * database, or not at all. `apply` still sees one event and a read store at a time; the documents the projection
 * says the batch's events touch (`documentsOf`) are read first, all in one go.
 */
export function projectionConsumer(projection: Projection, store: ReadStore): ProjectionConsumer {
  const applyAll = async (events: readonly RecordedEvent[], alongWith?: SqlWrite): Promise<boolean> => {
    const unit = unitOfWorkOn(store);
    try {
      await prefetchDocuments(projection, unit, events);
      for (const event of events) await projection.apply(event, unit.store);
      return await unit.commit(alongWith);
    } catch (error) {
      await unit.abandon().catch(() => {});
      throw error;
    }
  };
  return {
    name: projection.name,
    services: projection.services,
    eventTypes: [...handledEventTypes(projection.services, projection.eventTypes)],
    handle: async (event) => void (await applyAll([event])),
    handleBatch: applyAll,
  };
}

/** The documents of a batch's events, read in one go where both the projection and the store can. */
async function prefetchDocuments(projection: Projection, unit: UnitOfWork, events: readonly RecordedEvent[]): Promise<void> {
  if (!projection.documentsOf || !unit.prefetch) return;
  const refs = new Map<string, DocumentRef>();
  for (const event of events) {
    for (const ref of projection.documentsOf(event)) refs.set(`${ref.collection}\u0000${ref.id}`, ref);
  }
  if (refs.size > 0) await unit.prefetch([...refs.values()]);
}
