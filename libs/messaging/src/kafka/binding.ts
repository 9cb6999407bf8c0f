import {
  InvalidEventError,
  cloudEventType,
  type RecordedEvent,
  UnknownEventTypeError,
  fromCloudEvent,
  isoInstant,
  serviceOf,
  defaultSchemaBaseUrl,
  toCloudEvent,
  upcast,
} from '@ledger/events';
import { ZodError } from 'zod';
import { PoisonMessageError } from '../port.ts';

/**
 * The CloudEvents Kafka protocol binding, binary content mode: the event's data is the message value
 * (JSON), every context attribute is a `ce_<name>` header, `datacontenttype` is `content-type`, and the
 * key is the stream id, so one stream's events share a partition and keep their order.
 */
export interface KafkaEventMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** A message as kafkajs hands it over (`KafkaMessage`), or as a test builds it. */
export interface IncomingKafkaMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, Buffer | string | ReadonlyArray<Buffer | string> | undefined>;
}

/** A message that can never become a valid event: the bus sends it to the dead-letter topic with `reason`. */
export class InvalidKafkaMessageError extends PoisonMessageError {
  /** The header (`ce_type`, `content-type`), `key` or `value` at fault, when one is. */
  readonly field: string | undefined;
  constructor(reason: string, field?: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'InvalidKafkaMessageError';
    this.field = field;
  }
}

const contentType = 'application/json';
/** `version-traceid-parentid-flags` (W3C Trace Context), lower-case hex. */
const w3cTraceparent = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;

/**
 * `traceContext`: the CloudEvents distributed-tracing extension to send (the relay's publishing span); by default
 * the event's own from its metadata. Either way only headers: the value and the hashed CloudEvent stay as they are.
 */
export function encodeKafkaMessage(event: RecordedEvent, options: { schemaBaseUrl?: string; traceContext?: { traceparent?: string; tracestate?: string } } = {}): KafkaEventMessage {
  const cloudEvent = toCloudEvent(event, { schemaBaseUrl: options.schemaBaseUrl ?? defaultSchemaBaseUrl });
  const headers: Record<string, string> = {
    ce_specversion: cloudEvent.specversion,
    ce_id: cloudEvent.id,
    ce_source: cloudEvent.source,
    ce_type: cloudEvent.type,
    ce_subject: cloudEvent.subject,
    ce_time: cloudEvent.time,
    ce_dataschema: cloudEvent.dataschema,
    ce_position: String(cloudEvent.position),
    ce_streamversion: String(cloudEvent.streamversion),
    ce_occurredat: cloudEvent.occurredat,
    'content-type': contentType,
  };
  if (cloudEvent.commandid !== undefined) headers.ce_commandid = cloudEvent.commandid;
  if (cloudEvent.actor !== undefined) headers.ce_actor = cloudEvent.actor;
  const trace = options.traceContext ?? event.metadata;
  if (trace.traceparent !== undefined) headers.ce_traceparent = trace.traceparent;
  if (trace.traceparent !== undefined && trace.tracestate !== undefined) headers.ce_tracestate = trace.tracestate;
  return { key: event.streamId, value: JSON.stringify(cloudEvent.data), headers };
}

const requiredAttributes = ['id', 'source', 'type', 'subject', 'time', 'position', 'streamversion', 'occurredat'] as const;
const optionalAttributes = ['dataschema', 'commandid', 'actor'] as const;
const integerAttributes = new Set(['position', 'streamversion']);

/**
 * Reads a message back into a recorded event, validating the envelope and the data against the event
 * catalogue; the data is upcast to the latest schema of its type, as consumers expect.
 * Throws InvalidKafkaMessageError naming the field for anything malformed.
 */
export function decodeKafkaMessage(message: IncomingKafkaMessage): RecordedEvent {
  const headers = readHeaders(message.headers ?? {});

  const mediaType = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === undefined) throw new InvalidKafkaMessageError('missing header content-type', 'content-type');
  if (mediaType !== contentType) {
    throw new InvalidKafkaMessageError(`content-type must be ${contentType}, got ${headers.get('content-type')}`, 'content-type');
  }
  const specversion = headers.get('ce_specversion');
  if (specversion === undefined) throw new InvalidKafkaMessageError('missing header ce_specversion', 'ce_specversion');
  if (specversion !== '1.0') throw new InvalidKafkaMessageError(`ce_specversion must be 1.0, got ${specversion}`, 'ce_specversion');

  // dataschema is informative (the catalogue is the schema) and not kept in a recorded event.
  const attributes: Record<string, unknown> = { specversion, datacontenttype: contentType, dataschema: '' };
  for (const name of requiredAttributes) {
    const value = headers.get(`ce_${name}`);
    if (value === undefined || value === '') throw new InvalidKafkaMessageError(`missing header ce_${name}`, `ce_${name}`);
    if (integerAttributes.has(name) && !/^\d{1,15}$/.test(value)) {
      throw new InvalidKafkaMessageError(`ce_${name} must be a non-negative integer, got ${value}`, `ce_${name}`);
    }
    attributes[name] = integerAttributes.has(name) ? Number(value) : value;
  }
  for (const name of optionalAttributes) {
    const value = headers.get(`ce_${name}`);
    if (value !== undefined) attributes[name] = value;
  }
  for (const name of ['time', 'occurredat']) {
    if (!isoInstant.safeParse(attributes[name]).success) {
      throw new InvalidKafkaMessageError(`ce_${name} must be an ISO 8601 instant with offset, got ${String(attributes[name])}`, `ce_${name}`);
    }
  }

  const key = message.key === undefined || message.key === null ? undefined : message.key.toString();
  if (key !== undefined && key !== attributes.subject) {
    throw new InvalidKafkaMessageError(`key ${key} is not the stream named by ce_subject (${String(attributes.subject)})`, 'key');
  }
  attributes.data = parseValue(message.value);

  let event: RecordedEvent;
  try {
    event = fromCloudEvent(attributes);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issue = error.issues[0]!;
    const field = `ce_${issue.path.join('.')}`;
    throw new InvalidKafkaMessageError(`${field}: ${issue.message}`, field, { cause: error });
  }
  try {
    const service = serviceOf(event.type);
    if (attributes.source !== `/ledger/${service}`) {
      throw new InvalidKafkaMessageError(`ce_source must be /ledger/${service} for ${event.type}, got ${String(attributes.source)}`, 'ce_source');
    }
    const expectedType = cloudEventType(event.type, event.schemaVersion);
    if (attributes.type !== expectedType) {
      throw new InvalidKafkaMessageError(`ce_type must be ${expectedType}, got ${String(attributes.type)}`, 'ce_type');
    }
    // The distributed-tracing extension is kept in the metadata (where the store keeps it), not in the CloudEvent.
    // One of another shape is passed over: tracing never makes an event undeliverable.
    const traceparent = [headers.get('ce_traceparent')].find((value) => value !== undefined && w3cTraceparent.test(value));
    const tracestate = headers.get('ce_tracestate');
    const metadata = traceparent === undefined ? event.metadata : { ...event.metadata, traceparent, ...(tracestate === undefined ? {} : { tracestate }) };
    return { ...event, metadata, ...upcast(event.type, event.schemaVersion, event.data) };
  } catch (error) {
    if (error instanceof UnknownEventTypeError) throw new InvalidKafkaMessageError(error.message, 'ce_type', { cause: error });
    if (error instanceof InvalidEventError) throw new InvalidKafkaMessageError(error.message, 'value', { cause: error });
    throw error;
  }
}

function readHeaders(raw: NonNullable<IncomingKafkaMessage['headers']>): Map<string, string> {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    // Header names are case-insensitive in the binding; ours are written in lower case.
    const lowerName = name.toLowerCase();
    const values = Array.isArray(value) ? value : [value as Buffer | string];
    if (values.length !== 1 || headers.has(lowerName)) {
      throw new InvalidKafkaMessageError(`header ${lowerName} appears more than once`, lowerName);
    }
    headers.set(lowerName, values[0]!.toString());
  }
  return headers;
}

function parseValue(value: Buffer | string | null): unknown {
  if (value === null) throw new InvalidKafkaMessageError('the message has no value (a tombstone is not an event)', 'value');
  try {
    return JSON.parse(value.toString());
  } catch (error) {
    throw new InvalidKafkaMessageError(`value is not JSON: ${(error as Error).message}`, 'value', { cause: error });
  }
}
