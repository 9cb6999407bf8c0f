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

/** The canonical JSON text of a leaf (well-formed UTF-16: lone surrogates are refused). */
function leafText(cloudEvent: unknown): string {
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

export function leafBytes(cloudEvent: unknown): Uint8Array {
  return utf8.encode(leafText(cloudEvent));
}

/**
 * SHA-256(0x00 || canonical JSON of the CloudEvent), as RFC 9162's leaf hash of `leafBytes`: the text is
 * well-formed, so hashing it as UTF-8 with a NUL character in front hashes exactly those bytes, in one call.
 */
export function cloudEventLeafHash(cloudEvent: unknown): Hash {
  return new Uint8Array(hash('sha256', `\u0000${leafText(cloudEvent)}`, 'buffer'));
}
