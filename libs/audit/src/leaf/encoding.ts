import { hash } from 'node:crypto';
import { dataschemaPathOf } from '@ledger/events';
import type { Hash } from '../merkle/hash.ts';
import { canonicalJson } from './canonical-json.ts';

/**
 * Leaf `i` of the log is the `i`-th event of the ledger feed, exactly as the feed shows it (its
 * CloudEvents JSON object), serialised as RFC 8785 canonical JSON in UTF-8. Canonical JSON makes
 * the bytes independent of key order and whitespace, so an auditor can hash what it downloads.
 */
export class LeafEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeafEncodingError';
  }
}

const utf8 = new TextEncoder();

/** The canonical JSON text of a leaf (well-formed UTF-16: lone surrogates are refused): a line of the text feed. */
export function leafText(cloudEvent: unknown): string {
  if (cloudEvent === null || typeof cloudEvent !== 'object' || Array.isArray(cloudEvent)) {
    throw new LeafEncodingError('a leaf must be a CloudEvents JSON object');
  }
  // The feed presents `dataschema` as an absolute URI; a leaf holds the ledger's path (the same event either way).
  const { dataschema } = cloudEvent as { dataschema?: unknown };
  const path = typeof dataschema === 'string' ? dataschemaPathOf(dataschema) : dataschema;
  const leaf = path === dataschema ? cloudEvent : { ...cloudEvent, dataschema: path };
  let text: string | undefined;
  try {
    text = canonicalJson(leaf);
  } catch (error) {
    throw new LeafEncodingError(`not serialisable as canonical JSON: ${(error as Error).message}`);
  }
  if (text === undefined) throw new LeafEncodingError('not serialisable as canonical JSON');
  return text;
}

/** A page of the text feed: each event's leaf text on its own line, each line ended by a newline. */
export function leafLinesOf(cloudEvents: Iterable<unknown>): string {
  let text = '';
  for (const cloudEvent of cloudEvents) text += `${leafText(cloudEvent)}\n`;
  return text;
}

export function leafBytes(cloudEvent: unknown): Uint8Array {
  return utf8.encode(leafText(cloudEvent));
}

/** Where leaf texts are encoded to be hashed: 0x00, then the UTF-8 bytes; grown when a leaf needs more. */
let scratch = Buffer.alloc(1 << 16);

/**
 * RFC 9162's hash input of the leaf of a CloudEvent: 0x00, then its canonical JSON in UTF-8. The answer is a view of
 * one reused buffer, valid until the next call: hashing the string itself made node encode it on a slower path
 * (about twice the time, issue 9), and a fresh buffer per leaf costs an allocation.
 */
export function prefixedLeafBytes(cloudEvent: unknown): Buffer {
  const text = leafText(cloudEvent);
  // UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units).
  if (text.length * 3 + 1 > scratch.length) scratch = Buffer.alloc(text.length * 3 + 1);
  const length = scratch.write(text, 1, 'utf8');
  return scratch.subarray(0, length + 1);
}

/** SHA-256(0x00 || canonical JSON of the CloudEvent), as RFC 9162's leaf hash of `leafBytes`. */
export function cloudEventLeafHash(cloudEvent: unknown): Hash {
  const digest = hash('sha256', prefixedLeafBytes(cloudEvent), 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}
