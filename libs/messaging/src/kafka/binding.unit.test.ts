import type { RecordedEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import { PoisonMessageError } from '../port.ts';
import { InvalidKafkaMessageError, decodeKafkaMessage, encodeKafkaMessage } from './binding.ts';

const rating: RecordedEvent = {
  position: 42,
  eventId: '0b9f3c2e-5d4a-4f55-9a43-1f0d6c1e2a77',
  streamId: 'rating-tx-1',
  streamVersion: 0,
  type: 'RatingGiven',
  schemaVersion: 1,
  data: { transactionId: 'tx-1', departmentId: 'd-1', platform: 'qr-code', level: 4, ratedAt: '2026-03-01T09:00:00.000Z' },
  metadata: { commandId: 'idem-7', actor: 'clerk:u-1' },
  occurredAt: '2026-03-01T09:00:00.000Z',
  recordedAt: '2026-03-01T09:00:01.250Z',
};

const encoded = () => encodeKafkaMessage(rating);

function rejection(message: Parameters<typeof decodeKafkaMessage>[0]): InvalidKafkaMessageError {
  try {
    decodeKafkaMessage(message);
  } catch (error) {
    if (error instanceof InvalidKafkaMessageError) return error;
    throw error;
  }
  throw new Error('the message was accepted');
}

describe('the CloudEvents Kafka binding (binary mode)', () => {
  it('puts the data in the value, the attributes in ce_ headers and the stream id in the key', () => {
    const message = encoded();
    expect(message.key).toBe('rating-tx-1');
    expect(JSON.parse(message.value)).toEqual(rating.data);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: rating.eventId,
      ce_source: '/ledger/evaluations',
      ce_type: 'org.accountability-ledger.evaluations.RatingGiven.v1',
      ce_subject: 'rating-tx-1',
      ce_time: rating.recordedAt,
      ce_dataschema: 'https://accountability-ledger.invalid/v1/schemas/RatingGiven/v1',
      ce_position: '42',
      ce_streamversion: '0',
      ce_occurredat: rating.occurredAt,
      ce_commandid: 'idem-7',
      ce_actor: 'clerk:u-1',
      'content-type': 'application/json',
    });
  });

  it('leaves out the optional extensions an event does not have', () => {
    const message = encodeKafkaMessage({ ...rating, metadata: {} });
    expect(Object.keys(message.headers)).not.toContain('ce_commandid');
    expect(Object.keys(message.headers)).not.toContain('ce_actor');
    expect(decodeKafkaMessage(message).metadata).toEqual({});
  });

  it('decodes what it encodes, from strings or from the Buffers kafkajs delivers', () => {
    expect(decodeKafkaMessage(encoded())).toEqual(rating);
    const { key, value, headers } = encoded();
    const asBuffers = {
      key: Buffer.from(key),
      value: Buffer.from(value),
      headers: Object.fromEntries(Object.entries(headers).map(([name, text]) => [name, Buffer.from(text)])),
    };
    expect(decodeKafkaMessage(asBuffers)).toEqual(rating);
  });

  it('carries the trace context as the distributed-tracing extension into the metadata, passing over one of another shape', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const traced = { ...rating, metadata: { ...rating.metadata, traceparent } };
    expect(decodeKafkaMessage(encodeKafkaMessage(traced))).toEqual(traced);
    // The relay sends its publishing span's context instead of the append's.
    const relayed = encodeKafkaMessage(traced, { traceContext: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01' } });
    expect(decodeKafkaMessage(relayed).metadata.traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01');
    const malformed = { ...encoded(), headers: { ...encoded().headers, ce_traceparent: 'not a trace' } };
    expect(decodeKafkaMessage(malformed)).toEqual(rating);
  });

  it('accepts a content-type with parameters and upper-case header names', () => {
    const { headers, ...rest } = encoded();
    const { 'content-type': _, ce_type, ...others } = headers;
    const decoded = decodeKafkaMessage({ ...rest, headers: { ...others, CE_TYPE: ce_type!, 'Content-Type': 'application/json; charset=utf-8' } });
    expect(decoded.eventId).toBe(rating.eventId);
  });

  it('rejects a corpus of malformed messages, naming the field at fault, as poison', () => {
    const base = encoded();
    const without = (name: string) => ({ ...base, headers: Object.fromEntries(Object.entries(base.headers).filter(([header]) => header !== name)) });
    const withHeader = (name: string, value: string) => ({ ...base, headers: { ...base.headers, [name]: value } });
    const cases: Array<[string, Parameters<typeof decodeKafkaMessage>[0], string, RegExp]> = [
      ['not JSON', { ...base, value: '{"transactionId": ' }, 'value', /not JSON/],
      ['no value', { ...base, value: null }, 'value', /no value/],
      ['missing ce_type', without('ce_type'), 'ce_type', /missing header ce_type/],
      ['missing ce_id', without('ce_id'), 'ce_id', /missing header ce_id/],
      ['missing content-type', without('content-type'), 'content-type', /missing/],
      ['wrong content-type', withHeader('content-type', 'text/plain'), 'content-type', /application\/json/],
      ['wrong specversion', withHeader('ce_specversion', '0.3'), 'ce_specversion', /must be 1\.0/],
      ['unknown type', withHeader('ce_type', 'org.accountability-ledger.evaluations.RatingWithdrawn.v1'), 'ce_type', /unknown event type RatingWithdrawn/],
      ['unknown version', withHeader('ce_type', 'org.accountability-ledger.evaluations.RatingGiven.v9'), 'ce_type', /unknown event type RatingGiven v9/],
      ['ce_type of another service', withHeader('ce_type', 'org.accountability-ledger.rankings.RatingGiven.v1'), 'ce_type', /must be org\.accountability-ledger\.evaluations/],
      ['ce_type not in the ledger namespace', withHeader('ce_type', 'com.example.RatingGiven'), 'ce_type', /ce_type/],
      ['ce_source of another service', withHeader('ce_source', '/ledger/complaints'), 'ce_source', /\/ledger\/evaluations/],
      ['position not a number', withHeader('ce_position', 'forty-two'), 'ce_position', /non-negative integer/],
      ['negative stream version', withHeader('ce_streamversion', '-1'), 'ce_streamversion', /non-negative integer/],
      ['time not an instant', withHeader('ce_time', 'yesterday'), 'ce_time', /ISO 8601/],
      ['key of another stream', { ...base, key: 'rating-tx-2' }, 'key', /ce_subject/],
      ['data failing its schema', { ...base, value: JSON.stringify({ ...(rating.data as object), level: 9 }) }, 'value', /invalid RatingGiven: level/],
      ['data missing a field', { ...base, value: JSON.stringify({ transactionId: 'tx-1' }) }, 'value', /invalid RatingGiven: departmentId/],
      ['repeated header', { ...base, headers: { ...base.headers, ce_id: [base.headers.ce_id!, 'other'] } }, 'ce_id', /more than once/],
    ];
    for (const [label, message, field, reason] of cases) {
      const error = rejection(message);
      expect(error, label).toBeInstanceOf(PoisonMessageError);
      expect(error.field, label).toBe(field);
      expect(error.message, label).toMatch(reason);
    }
  });
});
