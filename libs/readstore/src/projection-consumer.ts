import type { RecordedEvent, ServiceName } from '@ledger/events';
import type { Projection, ReadStore } from './port.ts';

/** A projection bound to the store it writes: the shape of a bus consumer (see @ledger/messaging). */
export function projectionConsumer(
  projection: Projection,
  store: ReadStore,
): { name: string; services: readonly ServiceName[]; handle(event: RecordedEvent): Promise<void> } {
  return {
    name: projection.name,
    services: projection.services,
    handle: (event) => projection.apply(event, store),
  };
}
