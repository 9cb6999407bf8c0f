import { InvalidEventError, type RecordedEvent, type ServiceName, serviceOf, upcast } from '@ledger/events';
import { PoisonMessageError } from '@ledger/messaging';

/**
 * The event as a live consumer of `services` is handed it by the bus, or undefined when the bus
 * would not deliver it to that consumer (another service's event). The bus upcasts every event to
 * the latest schema version first; the replay must feed projections exactly the same input, or it
 * would rebuild something other than what runs live. Throws InvalidEventError for stored data that
 * fails its schema: the bus dead-letters such an event, and so does the replay.
 */
export function deliveredForm(event: RecordedEvent, services: ReadonlySet<ServiceName>): RecordedEvent | undefined {
  if (!services.has(serviceOf(event.type))) return undefined;
  return { ...event, ...upcast(event.type, event.schemaVersion, event.data) };
}

/** Errors the live bus records as dead letters and passes, instead of retrying: the replay does the same. */
export function isDeadLetter(error: unknown): error is Error {
  return error instanceof InvalidEventError || error instanceof PoisonMessageError;
}
