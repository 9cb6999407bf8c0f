import type { KafkaEventMessage } from '@ledger/messaging';

/** A message as the producer sends it: headers may repeat and the value may be a tombstone. */
export interface RawMessage {
  key: string;
  value: string | null;
  headers: Record<string, string | string[]>;
}

export interface BadMessage {
  label: string;
  message: RawMessage;
  /** What the dead letter's reason must say. */
  reason: RegExp;
}

const changed = (message: KafkaEventMessage, change: Partial<RawMessage>, headers: Record<string, string | string[] | undefined> = {}): RawMessage => {
  const merged: Record<string, string | string[]> = { ...message.headers };
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return { key: message.key, value: message.value, ...change, headers: merged };
};

/**
 * Messages that must never become events, built from a real message of the topic (`template`, whose
 * key they keep so that they share its partition) and a real message of another service (`foreign`).
 */
export function badMessageCorpus(template: KafkaEventMessage, foreign: KafkaEventMessage): BadMessage[] {
  const type = template.headers.ce_type!;
  const [, , service, eventType] = type.split('.');
  const otherSource = foreign.headers.ce_source!;
  return [
    { label: 'value not JSON', message: changed(template, { value: '{"complaintId":' }), reason: /value is not JSON/ },
    { label: 'no headers at all', message: { key: template.key, value: template.value, headers: {} }, reason: /missing header content-type/ },
    { label: 'JSON without ce_ headers', message: { key: template.key, value: template.value, headers: { 'content-type': 'application/json' } }, reason: /missing header ce_specversion/ },
    { label: 'wrong content-type', message: changed(template, {}, { 'content-type': 'text/plain' }), reason: /content-type must be application\/json/ },
    { label: 'wrong specversion', message: changed(template, {}, { ce_specversion: '0.3' }), reason: /ce_specversion must be 1\.0/ },
    { label: 'empty ce_id', message: changed(template, {}, { ce_id: '' }), reason: /missing header ce_id/ },
    {
      label: 'unknown event type',
      message: changed(template, {}, { ce_type: `org.accountability-ledger.${service}.NoSuchThing.v1` }),
      reason: /unknown event type NoSuchThing/,
    },
    {
      label: 'unknown schema version',
      message: changed(template, {}, { ce_type: `org.accountability-ledger.${service}.${eventType}.v99` }),
      reason: new RegExp(`unknown event type ${eventType} v99`),
    },
    { label: 'data failing its schema', message: changed(template, { value: '{}' }), reason: new RegExp(`invalid ${eventType}`) },
    { label: 'tombstone', message: changed(template, { value: null }), reason: /tombstone/ },
    { label: 'key not the stream', message: changed(template, {}, { ce_subject: `${template.key}-other` }), reason: /is not the stream named by ce_subject/ },
    { label: 'source of another service', message: changed(template, {}, { ce_source: otherSource }), reason: /ce_source must be/ },
    { label: 'position not an integer', message: changed(template, {}, { ce_position: 'first' }), reason: /ce_position must be a non-negative integer/ },
    { label: 'time not an instant', message: changed(template, {}, { ce_time: 'yesterday' }), reason: /ce_time must be an ISO 8601 instant/ },
    { label: 'a header twice', message: changed(template, {}, { ce_id: ['a', 'b'] }), reason: /header ce_id appears more than once/ },
    { label: 'a valid event of another service', message: changed(foreign, {}), reason: /belongs on .*ledger\.[a-z]+, not on/ },
  ];
}
