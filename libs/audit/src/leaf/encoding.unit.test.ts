import { createHash } from 'node:crypto';
import { type RecordedEvent, toCloudEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import { toHex } from '../encoding/base64.ts';
import { LeafEncodingError, cloudEventLeafHash, leafBytes } from './encoding.ts';

// The worked example of docs/verification.md: if this test changes, the page must change with it.
const example: RecordedEvent = {
  position: 1,
  eventId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  streamId: 'department-d1',
  streamVersion: 0,
  type: 'DepartmentRegistered',
  schemaVersion: 1,
  data: { departmentId: 'd1', name: 'Housing Bureau', category: 'service-facing', at: '2026-01-05T09:00:00.000+08:00' },
  metadata: { commandId: 'k-1', actor: 'evaluation-office:e1' },
  occurredAt: '2026-01-05T01:00:00.000Z',
  recordedAt: '2026-01-05T01:00:00.123Z',
};
const exampleCanonical =
  '{"actor":"evaluation-office:e1","commandid":"k-1","data":{"at":"2026-01-05T09:00:00.000+08:00","category":"service-facing",' +
  '"departmentId":"d1","name":"Housing Bureau"},"datacontenttype":"application/json",' +
  '"dataschema":"/v1/schemas/DepartmentRegistered/v1","id":"0f8fad5b-d9cb-469f-a165-70867728950e",' +
  '"occurredat":"2026-01-05T01:00:00.000Z","position":1,"source":"/ledger/evaluations","specversion":"1.0",' +
  '"streamversion":0,"subject":"department-d1","time":"2026-01-05T01:00:00.123Z",' +
  '"type":"org.accountability-ledger.evaluations.DepartmentRegistered.v1"}';

describe('leaf encoding', () => {
  it('is the RFC 8785 canonical JSON of the feed event (the documented example)', () => {
    const bytes = leafBytes(toCloudEvent(example));
    expect(new TextDecoder().decode(bytes)).toBe(exampleCanonical);
    expect(bytes.length).toBe(553);
    expect(toHex(cloudEventLeafHash(toCloudEvent(example)))).toBe('1b51bfdb20291c52feb917ca557a4d618fd24101e56cf030ec4a683c7fa41f3c');
  });

  it('given the feed\'s absolute dataschema, then the leaf is the same as with the ledger\'s path (the leaves never change)', () => {
    const presented = toCloudEvent(example, { schemaBaseUrl: 'https://ledger.example.org/base' });
    expect(presented.dataschema).toBe('https://ledger.example.org/base/v1/schemas/DepartmentRegistered/v1');
    expect(new TextDecoder().decode(leafBytes(presented))).toBe(exampleCanonical);
  });

  it('hashes SHA-256 of 0x00 and the canonical bytes', () => {
    const event = JSON.parse(JSON.stringify(toCloudEvent(example)));
    const expected = createHash('sha256').update(Uint8Array.of(0)).update(exampleCanonical).digest('hex');
    expect(toHex(cloudEventLeafHash(event))).toBe(expected);
  });

  it('does not depend on key order or whitespace, but on every value', () => {
    const event = toCloudEvent(example) as unknown as Record<string, unknown>;
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(event).toReversed()), null, 2));
    expect(cloudEventLeafHash(reordered)).toEqual(cloudEventLeafHash(event));
    expect(cloudEventLeafHash({ ...event, position: 2 })).not.toEqual(cloudEventLeafHash(event));
  });

  it('escapes and orders non-ASCII text as RFC 8785 requires', () => {
    const bytes = leafBytes({ b: '住房局', a: '\u2028', c: 1e21, d: 0.1 });
    expect(new TextDecoder().decode(bytes)).toBe('{"a":"\u2028","b":"住房局","c":1e+21,"d":0.1}');
  });

  it('refuses what is not a JSON object', () => {
    expect(() => leafBytes('event')).toThrow(LeafEncodingError);
    expect(() => leafBytes([1, 2])).toThrow(LeafEncodingError);
    expect(() => leafBytes({ n: Number.NaN })).toThrow(/canonical JSON/);
  });
});
