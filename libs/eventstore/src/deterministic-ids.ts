import { createHash } from 'node:crypto';

/** Namespace of every id the ledger derives by name (UUID v5), fixed forever: changing it changes every id. */
const ledgerNamespace = '6f1b0c1e-52a4-4d4e-9a55-3d4a9c1f7e10';
const namespaceBytes = Buffer.from(ledgerNamespace.replaceAll('-', ''), 'hex');

/**
 * The same name always gives the same UUID. Events appended for a command with an idempotency key, or for a
 * consumed event, get ids derived this way, so a retried or redelivered append is a no-op in the store.
 *
 * UUID v5 (RFC 9562: SHA-1 of the namespace's bytes and the name's UTF-8, version and variant bits set), written
 * out here rather than by the `uuid` package, whose UTF-8 encoding (`unescape(encodeURIComponent(…))`, a byte at a
 * time) cost about 2 % of an embedded rating's CPU (issue 9); `deterministic-ids.unit.test.ts` holds it to the package.
 */
export function deterministicId(...parts: readonly string[]): string {
  const name = parts.join('\u001f');
  // A lone surrogate has no UTF-8: encoding it would turn it into U+FFFD and give two names one id (the package threw).
  if (!name.isWellFormed()) throw new URIError('deterministicId: a name with a lone surrogate has no UTF-8 encoding');
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
