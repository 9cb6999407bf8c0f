/**
 * The AsyncAPI 3.0 description of the ledger's Kafka topics, built from the event catalogue: one channel per
 * service topic (`ledger.<service>`) and one per dead-letter topic (`.dlq`), a message per event type and
 * schema version with its CloudEvents binary-binding headers, and the payload schemas that libs/events
 * derives from the zod schemas (the same path as the feed's JSON Schemas).
 */
import { type ServiceName, catalogue, cloudEventType, eventJsonSchemas, serviceNames } from '@ledger/events';
import { deadLetterHeaders, deadLetterTopicOf, topicOf } from '@ledger/messaging';

const kafkaBindingVersion = '0.5.0';

/** Every header the relay writes (libs/messaging/src/kafka/binding.ts); the test holds the two together. */
export const cloudEventHeaders: Record<string, { description: string; required: boolean; pattern?: string; const?: string }> = {
  ce_specversion: { description: 'CloudEvents version.', required: true, const: '1.0' },
  ce_id: { description: 'Event id, unique in the ledger; consumers are idempotent by it.', required: true },
  ce_source: { description: '`/ledger/<service>`: the service that decided the event.', required: true },
  ce_type: { description: '`org.accountability-ledger.<service>.<EventType>.v<schema version>`.', required: true },
  ce_subject: { description: 'The stream id (aggregate), equal to the message key.', required: true },
  ce_time: { description: 'When the ledger recorded the event (ISO 8601 with offset).', required: true },
  ce_dataschema: { description: 'Path of the JSON Schema of the data (`/v1/schemas/<EventType>/v<n>`).', required: true },
  ce_position: { description: 'Extension: position in the ledger global order.', required: true, pattern: '^\\d{1,15}$' },
  ce_streamversion: { description: 'Extension: 0-based revision within the stream.', required: true, pattern: '^\\d{1,15}$' },
  ce_occurredat: { description: 'Extension: business time of the event (ISO 8601 with offset).', required: true },
  ce_commandid: { description: 'Extension: the command (idempotency key) that produced the event.', required: false },
  ce_actor: { description: 'Extension: who caused the event, `role:id`.', required: false },
  'content-type': { description: 'Media type of the value (CloudEvents `datacontenttype`).', required: true, const: 'application/json' },
};

const deadLetterHeaderDescriptions: Record<keyof typeof deadLetterHeaders, string> = {
  topic: 'Topic the message was read from.',
  partition: 'Partition it was read from.',
  offset: 'Its offset there.',
  reason: 'Why it could not be handled: the field at fault and what is wrong with it.',
  consumer: 'Consumer group that gave up on it.',
  at: 'When it was dead-lettered (ISO 8601).',
};

const messageId = (type: string, version: number) => `${type}.v${version}`;
const channelId = (service: ServiceName) => service;
const deadLetterChannelId = (service: ServiceName) => `${service}DeadLetters`;
const capitalised = (word: string) => `${word[0]!.toUpperCase()}${word.slice(1)}`;
const channelMessages = (channel: string, messageIds: string[]) => messageIds.map((id) => ({ $ref: `#/channels/${channel}/messages/${id}` }));

function headersSchema() {
  const properties = Object.fromEntries(
    Object.entries(cloudEventHeaders).map(([name, header]) => [
      name,
      { type: 'string', description: header.description, ...(header.const ? { const: header.const } : {}), ...(header.pattern ? { pattern: header.pattern } : {}) },
    ]),
  );
  const required = Object.entries(cloudEventHeaders).filter(([, header]) => header.required).map(([name]) => name);
  return { type: 'object', properties, required };
}

function eventMessage(type: string, version: number, service: ServiceName, description: string) {
  return {
    name: type,
    title: `${type} v${version}`,
    summary: description,
    contentType: 'application/json',
    headers: {
      allOf: [
        { $ref: '#/components/schemas/CloudEventsKafkaHeaders' },
        {
          type: 'object',
          properties: {
            ce_type: { const: cloudEventType(type, version) },
            ce_source: { const: `/ledger/${service}` },
            ce_dataschema: { const: `/v1/schemas/${type}/v${version}` },
          },
        },
      ],
    },
    payload: { $ref: `#/components/schemas/${messageId(type, version)}` },
    bindings: { kafka: { key: { type: 'string', description: 'The stream id (ce_subject): one stream, one partition, in order.' }, bindingVersion: kafkaBindingVersion } },
  };
}

const deadLetterMessage = {
  name: 'DeadLetter',
  title: 'Dead letter',
  summary: 'A message a consumer could not handle (malformed, unknown type, invalid data, or refused by its handler), with the reason.',
  description:
    'Key, value and headers are the original message\'s, byte for byte (so the value may be anything, not even JSON); the bus adds the `dlq-*` headers. Written once per message and consumer group.',
  headers: {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(deadLetterHeaders).map(([key, header]) => [header, { type: 'string', description: deadLetterHeaderDescriptions[key as keyof typeof deadLetterHeaders] }]),
    ),
    required: Object.values(deadLetterHeaders),
  },
  payload: { description: 'The original value, unchanged.' },
  bindings: { kafka: { key: { type: 'string', description: 'The original key.' }, bindingVersion: kafkaBindingVersion } },
};

function asyncApiDocument(options: { version: string }): Record<string, unknown> {
  const services = serviceNames.filter((service) => catalogue.some((definition) => definition.service === service));
  const payloads = eventJsonSchemas({ target: 'draft-07' });
  const schemas: Record<string, unknown> = { CloudEventsKafkaHeaders: headersSchema() };
  const messages: Record<string, unknown> = { DeadLetter: deadLetterMessage };
  for (const definition of catalogue) {
    const id = messageId(definition.type, definition.version);
    // The dialect is given once by the document (AsyncAPI schemas extend draft-07).
    const { $schema: _dialect, ...payload } = payloads[`${definition.type}/v${definition.version}`] as Record<string, unknown>;
    schemas[id] = payload;
    messages[id] = eventMessage(definition.type, definition.version, definition.service, definition.description);
  }

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const service of services) {
    const ids = catalogue.filter((definition) => definition.service === service).map((definition) => messageId(definition.type, definition.version));
    const topic = topicOf(service);
    channels[channelId(service)] = {
      address: topic,
      title: `${service} events`,
      description: `Every event the ${service} service decides, published by the relay from the event store in global order. Key = stream id.`,
      messages: Object.fromEntries(ids.map((id) => [id, { $ref: `#/components/messages/${id}` }])),
      bindings: { kafka: { topic, bindingVersion: kafkaBindingVersion } },
    };
    channels[deadLetterChannelId(service)] = {
      address: deadLetterTopicOf(topic),
      title: `${service} dead letters`,
      description: `Messages read from ${topic} that a consumer could not handle, with the reason.`,
      messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
      bindings: { kafka: { topic: deadLetterTopicOf(topic), bindingVersion: kafkaBindingVersion } },
    };
    operations[`publish${capitalised(service)}Events`] = {
      action: 'send',
      summary: `The relay publishes each recorded ${service} event once it is in the store.`,
      channel: { $ref: `#/channels/${channelId(service)}` },
      messages: channelMessages(channelId(service), ids),
    };
    operations[`consume${capitalised(service)}Events`] = {
      action: 'receive',
      summary: `Consumers (projections, other services) read ${service} events at least once; they are idempotent by ce_id.`,
      channel: { $ref: `#/channels/${channelId(service)}` },
      messages: channelMessages(channelId(service), ids),
    };
    operations[`deadLetter${capitalised(service)}Messages`] = {
      action: 'send',
      summary: `A consumer moves a message it cannot handle from ${topic} to ${deadLetterTopicOf(topic)} and carries on.`,
      channel: { $ref: `#/channels/${deadLetterChannelId(service)}` },
      messages: channelMessages(deadLetterChannelId(service), ['DeadLetter']),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Accountability ledger events',
      version: options.version,
      description:
        'The events of the accountability ledger on Kafka, in the CloudEvents Kafka protocol binding, binary content mode: the event data is the message value (JSON), every context attribute a `ce_` header. Generated from the zod event catalogue by `npm run asyncapi`; do not edit.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The single-node broker of `scripts/engines` (KAFKA_BROKERS).' },
    },
    channels,
    operations,
    components: { schemas, messages },
  };
}

export const asyncApiPath = 'docs/asyncapi.json';

export function asyncApiText(options: { version: string }): string {
  return `${JSON.stringify(asyncApiDocument(options), null, 2)}\n`;
}
