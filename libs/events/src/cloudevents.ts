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

/**
 * Where the feed and the Kafka binding say `/v1/schemas` is served when LEDGER_SCHEMA_BASE_URL is not set and no
 * request tells (CloudEvents wants `dataschema` an absolute URI). Deployments set their own.
 */
export const defaultSchemaBaseUrl = 'https://accountability-ledger.invalid';

/** The path of an event type's JSON Schema on the ledger: the `dataschema` of the Merkle log's leaves. */
export const dataschemaPath = (type: string, schemaVersion: number): string => `/v1/schemas/${type}/v${schemaVersion}`;

/** An absolute `dataschema` (as the feed and Kafka present it) back to the ledger's path (as leaves hold it). */
export function dataschemaPathOf(dataschema: string): string {
  const match = /^[a-zA-Z][\w+.-]*:\/\/[^/?#]*(?:\/[^?#]*?)?(\/v1\/schemas\/[^/?#]+\/v\d+)$/.exec(dataschema);
  return match ? match[1]! : dataschema;
}

/**
 * The CloudEvents JSON of a recorded event. Without `schemaBaseUrl`, `dataschema` is the ledger's path (the Merkle
 * log's leaves); with it, an absolute URI (the feed and Kafka, a presentation of the same event: issue 14.5).
 */
export function toCloudEvent(event: RecordedEvent, options: { schemaBaseUrl?: string } = {}): LedgerCloudEvent {
  const service = serviceOf(event.type);
  return {
    specversion: '1.0',
    id: event.eventId,
    source: `/ledger/${service}`,
    type: cloudEventType(event.type, event.schemaVersion),
    subject: event.streamId,
    time: event.recordedAt,
    datacontenttype: 'application/json',
    dataschema: `${options.schemaBaseUrl?.replace(/\/+$/, '') ?? ''}${dataschemaPath(event.type, event.schemaVersion)}`,
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
