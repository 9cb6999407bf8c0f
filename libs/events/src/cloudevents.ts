import { z } from 'zod';
import { safeText } from './define.ts';
import { serviceOf } from './catalogue.ts';
import type { RecordedEvent } from './envelope.ts';

/**
 * The CloudEvents 1.0 JSON form of a recorded event: the ledger feed, the Kafka binding and the
 * Merkle log leaves all use exactly this shape, so an auditor hashes what the feed shows.
 */
export interface LedgerCloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  /** Extension: global position in the ledger. */
  position: number;
  /** Extension: 0-based revision within the stream named by `subject`. */
  streamversion: number;
  /** Extension: business time of the event. */
  occurredat: string;
  /** Extension: the command (idempotency key) that produced the event. */
  commandid?: string;
  /** Extension: who caused the event, `role:id`. */
  actor?: string;
  data: unknown;
}

export const cloudEventTypePrefix = 'org.accountability-ledger';

export function cloudEventType(type: string, schemaVersion: number): string {
  return `${cloudEventTypePrefix}.${serviceOf(type)}.${type}.v${schemaVersion}`;
}

export function toCloudEvent(event: RecordedEvent): LedgerCloudEvent {
  const service = serviceOf(event.type);
  return {
    specversion: '1.0',
    id: event.eventId,
    source: `/ledger/${service}`,
    type: cloudEventType(event.type, event.schemaVersion),
    subject: event.streamId,
    time: event.recordedAt,
    datacontenttype: 'application/json',
    dataschema: `/v1/schemas/${event.type}/v${event.schemaVersion}`,
    position: event.position,
    streamversion: event.streamVersion,
    occurredat: event.occurredAt,
    ...(event.metadata.commandId ? { commandid: event.metadata.commandId } : {}),
    ...(event.metadata.actor ? { actor: event.metadata.actor } : {}),
    data: event.data,
  };
}

const cloudEventShape = z.object({
  specversion: z.literal('1.0'),
  id: safeText().min(1),
  source: safeText().min(1),
  type: safeText().regex(/^org\.accountability-ledger\.[a-z]+\.[A-Za-z]+\.v\d+$/),
  subject: safeText().min(1),
  time: safeText(),
  datacontenttype: z.literal('application/json'),
  dataschema: safeText(),
  position: z.int().nonnegative(),
  streamversion: z.int().nonnegative(),
  occurredat: safeText(),
  commandid: safeText().optional(),
  actor: safeText().optional(),
  data: z.unknown(),
});

/** Reads a CloudEvent back into a recorded event (feed consumers, Kafka consumers, verifiers). */
export function fromCloudEvent(input: unknown): RecordedEvent {
  const event = cloudEventShape.parse(input);
  const [, , , type, versionTag] = event.type.split('.');
  return {
    position: event.position,
    eventId: event.id,
    streamId: event.subject,
    streamVersion: event.streamversion,
    type: type!,
    schemaVersion: Number(versionTag!.slice(1)),
    data: event.data,
    metadata: {
      ...(event.commandid ? { commandId: event.commandid } : {}),
      ...(event.actor ? { actor: event.actor } : {}),
    },
    occurredAt: event.occurredat,
    recordedAt: event.time,
  };
}
