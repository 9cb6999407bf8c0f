import { createHash } from 'node:crypto';

/**
 * A second, deliberately naive RFC 9162 implementation for tests: the recursive definitions of
 * sections 2.1.1, 2.1.3.1 and 2.1.4.1 applied literally to leaf data, sharing no code with
 * merkle/. Slow (it rehashes everything every time) and obviously right, which is its point.
 */
function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function referenceLeafHash(entry: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(0), entry);
}

export function referenceRoot(entries: readonly Uint8Array[]): Uint8Array {
  const n = entries.length;
  if (n === 0) return sha256();
  if (n === 1) return referenceLeafHash(entries[0]!);
  const k = split(n);
  return sha256(Uint8Array.of(1), referenceRoot(entries.slice(0, k)), referenceRoot(entries.slice(k)));
}

export function referenceInclusionPath(m: number, entries: readonly Uint8Array[]): Uint8Array[] {
  const n = entries.length;
  if (n <= 1) return [];
  const k = split(n);
  return m < k
    ? [...referenceInclusionPath(m, entries.slice(0, k)), referenceRoot(entries.slice(k))]
    : [...referenceInclusionPath(m - k, entries.slice(k)), referenceRoot(entries.slice(0, k))];
}

function subproof(m: number, entries: readonly Uint8Array[], whole: boolean): Uint8Array[] {
  const n = entries.length;
  if (m === n) return whole ? [] : [referenceRoot(entries)];
  const k = split(n);
  return m <= k
    ? [...subproof(m, entries.slice(0, k), whole), referenceRoot(entries.slice(k))]
    : [...subproof(m - k, entries.slice(k), false), referenceRoot(entries.slice(0, k))];
}

export function referenceConsistencyProof(m: number, entries: readonly Uint8Array[]): Uint8Array[] {
  if (m === 0 || m === entries.length) return [];
  return subproof(m, entries, true);
}
