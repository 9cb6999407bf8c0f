import type { Document } from '../port.ts';

/**
 * Read-model documents are JSON, and any JSON key must survive a round trip: stream ids as keys of
 * `_applied`, years as keys of `byYear`, whatever a caller chose as an id. MongoDB gives some keys a
 * meaning of their own (a dot is a path, a leading `$` an operator, `_id` the primary key, NUL ends a
 * BSON name), so those characters are stored %-escaped; `%` itself is escaped so that decoding is exact.
 * Plain identifiers — every field a filter or sort may name — are stored as they are.
 */
const needsEscape = /[%.\0]|^\$/;
const escaped = /%(25|2E|00|24|5F)/g;

export function storedKey(key: string, topLevel: boolean): string {
  if (topLevel && key === '_id') return '%5Fid';
  if (!needsEscape.test(key)) return key;
  return key.replaceAll('%', '%25').replaceAll('.', '%2E').replaceAll('\0', '%00').replace(/^\$/, '%24');
}

function originalKey(key: string): string {
  return key.includes('%') ? key.replace(escaped, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : key;
}

function mapKeys(value: unknown, rename: (key: string, topLevel: boolean) => string, topLevel: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => mapKeys(item, rename, false));
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines own properties, so a key "__proto__" stays a key and never becomes a prototype.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [rename(key, topLevel), mapKeys(item, rename, false)]));
}

/**
 * The stored form of a document: normalised through JSON exactly as the jsonb adapter stores it (undefined
 * fields dropped, dates as strings), keys escaped, and `id` as MongoDB's `_id`.
 */
export function toStored(doc: Document): Record<string, unknown> {
  const { id, ...fields } = JSON.parse(JSON.stringify(doc)) as { id: string } & Record<string, unknown>;
  return { _id: id, ...(mapKeys(fields, storedKey, true) as Record<string, unknown>) };
}

export function fromStored<Doc>(stored: Record<string, unknown>): Doc {
  const { _id, ...fields } = stored;
  return { id: _id, ...(mapKeys(fields, (key) => originalKey(key), true) as Record<string, unknown>) } as Doc;
}
