import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { legacyTrackingCodeDigest } from '@ledger/events';

/**
 * Tracking codes are the complainant's only credential (SPEC 8): 80 random bits, shown to the complainant once
 * and never recorded. Events carry a keyed digest (HMAC-SHA256 under a key derived from the vault's master key),
 * so the feed, Kafka and a copy of the database reveal no code, and nobody without the key can test guesses offline.
 */
export interface TrackingCodes {
  /** A fresh code; with a seed (the caller's idempotency material), the same code for the same seed. */
  issue(seed?: string): string;
  /** The digest events and read models carry: `hmac-sha256:<hex>`. */
  digest(code: string): string;
  /** Every digest the presented code may be recorded under: the keyed one, and the unkeyed one of codes filed in clear (v1). */
  lookupDigests(code: string): string[];
  /** A keyed, one-way name for caller-chosen material (idempotency keys of public callers), never the material itself. */
  derive(label: string, ...parts: string[]): string;
}

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 16 symbols of 5 bits: 80 bits. */
const symbols = 16;

function encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && code.length < symbols) {
      code += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return code.match(/.{4}/g)!.join('-');
}

/** Upper case, without the separators a person may type or drop. */
export const normalizeTrackingCode = (code: string): string => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

export function trackingCodes(masterKey: Buffer): TrackingCodes {
  const digestKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ledger tracking-code digest', 32));
  const seedKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ledger tracking-code seed', 32));
  const hmac = (key: Buffer, material: string) => createHmac('sha256', key).update(material).digest();
  return {
    issue(seed) {
      return encode(seed === undefined ? randomBytes(10) : hmac(seedKey, seed).subarray(0, 10));
    },
    digest(code) {
      return `hmac-sha256:${hmac(digestKey, normalizeTrackingCode(code)).toString('hex')}`;
    },
    lookupDigests(code) {
      // v1 filings recorded the code as issued (upper case, with its dashes); the upcast hashed that text.
      return [this.digest(code), legacyTrackingCodeDigest(code)];
    },
    derive(label, ...parts) {
      return hmac(seedKey, JSON.stringify([label, ...parts])).toString('base64url');
    },
  };
}
