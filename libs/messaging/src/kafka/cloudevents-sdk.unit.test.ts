import { randomUUID } from 'node:crypto';
import { type RecordedEvent, catalogue, dataschemaPathOf, toCloudEvent } from '@ledger/events';
import { CloudEvent, Kafka, type Message } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { encodeKafkaMessage } from './binding.ts';

// Issue 14.5: every event type and version of the catalogue, as the JSON feed shows it and as the Kafka binary
// binding carries it, is accepted by the official CloudEvents SDK (strict validation): `dataschema` is an
// absolute URI there, while the Merkle leaf keeps the ledger's path.

const recorded = (type: string, schemaVersion: number, position: number): RecordedEvent => ({
  position,
  eventId: randomUUID(),
  streamId: `stream-of-${type}`,
  streamVersion: 0,
  type,
  schemaVersion,
  data: { example: true },
  metadata: { actor: 'intake-clerk:clerk-1', commandId: 'key-1' },
  occurredAt: '2026-02-03T09:00:00+08:00',
  recordedAt: '2026-02-03T01:00:00.123Z',
});

const everyTypeAndVersion = catalogue.map((definition, index) => [`${definition.type} v${definition.version}`, recorded(definition.type, definition.version, index + 1)] as const);

describe('the official CloudEvents SDK', () => {
  it.each(everyTypeAndVersion)('given %s in the JSON feed, then it validates strictly, with an absolute dataschema', (_name, event) => {
    const json = JSON.parse(JSON.stringify(toCloudEvent(event, { schemaBaseUrl: 'https://ledger.example.org' }))) as Record<string, unknown>;
    const parsed = new CloudEvent(json, true);
    expect(parsed.validate()).toBe(true);
    expect(parsed.dataschema).toBe(`https://ledger.example.org/v1/schemas/${event.type}/v${event.schemaVersion}`);
    expect(dataschemaPathOf(parsed.dataschema!)).toBe(toCloudEvent(event).dataschema);
  });

  it.each(everyTypeAndVersion)('given %s in the Kafka binary binding, then Kafka.toEvent reads it and it validates strictly', (_name, event) => {
    const message = encodeKafkaMessage(event, { schemaBaseUrl: 'https://ledger.example.org/' });
    const kafkaMessage = { key: message.key, value: message.value, headers: message.headers, body: message.value } as unknown as Message;
    expect(Kafka.isEvent(kafkaMessage)).toBe(true);
    const parsed = Kafka.toEvent(kafkaMessage) as CloudEvent<unknown>;
    expect(parsed.validate()).toBe(true);
    expect(parsed.type).toBe(toCloudEvent(event).type);
    expect(parsed.dataschema).toBe(`https://ledger.example.org/v1/schemas/${event.type}/v${event.schemaVersion}`);
    expect(parsed.data).toEqual(event.data);
  });

  it('reads the distributed-tracing extension of a traced event, which the binding reads back into the metadata only', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const event = { ...recorded('FindingRecorded', 1, 7), metadata: { actor: 'investigator:i-1', traceparent, tracestate: 'vendor=1' } };
    const message = encodeKafkaMessage(event);
    expect(message.headers).toMatchObject({ ce_traceparent: traceparent, ce_tracestate: 'vendor=1' });
    const parsed = Kafka.toEvent({ key: message.key, value: message.value, headers: message.headers, body: message.value } as unknown as Message) as CloudEvent<unknown>;
    expect(parsed.validate()).toBe(true);
    expect(parsed.traceparent).toBe(traceparent);
    // The value, and the CloudEvent the feed shows and the Merkle log hashes, are those of the untraced event.
    expect(message.value).toBe(encodeKafkaMessage(recorded('FindingRecorded', 1, 7)).value);
    expect(toCloudEvent(event)).not.toHaveProperty('traceparent');
  });
});
