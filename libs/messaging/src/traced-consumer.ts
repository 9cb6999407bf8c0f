import type { RecordedEvent } from '@ledger/events';
import { type Link, SpanKind } from '@opentelemetry/api';
import { contextOfCarrier, inSpan, linkOfCarrier } from '@ledger/eventstore';
import type { Consumer } from './port.ts';

/**
 * A consumer whose handling is a span in the trace of the event it handles (the context the event carries in its
 * metadata, from the store in embedded mode or from the Kafka headers): what a processor appends then joins that
 * trace too, so a finding and the sanction it caused are one trace. A batch continues the trace of its first traced
 * event and links the others. Wrap only when tracing is on.
 */
export function tracedConsumer(consumer: Consumer): Consumer {
  const attributes = { 'messaging.consumer.group.name': consumer.name };
  const handle = (event: RecordedEvent) =>
    inSpan(
      `process ${event.type}`,
      { kind: SpanKind.CONSUMER, parent: contextOfCarrier(event.metadata), attributes: { ...attributes, 'messaging.message.id': event.eventId, 'ledger.position': event.position } },
      () => consumer.handle(event),
    );
  const handleBatch = consumer.handleBatch?.bind(consumer);
  return {
    name: consumer.name,
    services: consumer.services,
    ...(consumer.eventTypes ? { eventTypes: consumer.eventTypes } : {}),
    ...(consumer.independentEvents ? { independentEvents: true } : {}),
    handle,
    ...(handleBatch
      ? {
          handleBatch: (events: readonly RecordedEvent[], acknowledgement?: Parameters<typeof handleBatch>[1]) => {
            const first = events.find((event) => event.metadata.traceparent);
            const links = events.filter((event) => event !== first).flatMap((event) => [linkOfCarrier(event.metadata)].filter((link): link is Link => link !== undefined));
            return inSpan(
              'process batch',
              {
                kind: SpanKind.CONSUMER,
                parent: contextOfCarrier(first?.metadata),
                links,
                attributes: { ...attributes, 'messaging.batch.message_count': events.length, 'ledger.position': events.at(-1)?.position ?? 0 },
              },
              () => handleBatch(events, acknowledgement),
            );
          },
        }
      : {}),
  };
}
