import { dataschemaPathOf } from '@ledger/events';
import canonicalize from 'canonicalize';
import { type Hash, leafHash } from '../merkle/hash.ts';

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

export function leafBytes(cloudEvent: unknown): Uint8Array {
  if (cloudEvent === null || typeof cloudEvent !== 'object' || Array.isArray(cloudEvent)) {
    throw new LeafEncodingError('a leaf must be a CloudEvents JSON object');
  }
  // The feed presents `dataschema` as an absolute URI; a leaf holds the ledger's path (the same event either way).
  const { dataschema } = cloudEvent as { dataschema?: unknown };
  const leaf = typeof dataschema === 'string' ? { ...cloudEvent, dataschema: dataschemaPathOf(dataschema) } : cloudEvent;
  let text: string | undefined;
  try {
    text = canonicalize(leaf);
  } catch (error) {
    throw new LeafEncodingError(`not serialisable as canonical JSON: ${(error as Error).message}`);
  }
  if (text === undefined) throw new LeafEncodingError('not serialisable as canonical JSON');
  return utf8.encode(text);
}

/** SHA-256(0x00 || canonical JSON of the CloudEvent). */
export function cloudEventLeafHash(cloudEvent: unknown): Hash {
  return leafHash(leafBytes(cloudEvent));
}
