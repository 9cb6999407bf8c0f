import { createHash, hash as digest } from 'node:crypto';

/** A SHA-256 digest: leaf hashes, node hashes and tree roots are all 32 bytes. */
export type Hash = Uint8Array;

export const hashSize = 32;

const leafPrefix = new Uint8Array([0x00]);

function sha256(...parts: Uint8Array[]): Hash {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

/** RFC 9162 2.1.1: the hash of a leaf is SHA-256(0x00 || leaf bytes). */
export function leafHash(leafBytes: Uint8Array): Hash {
  return sha256(leafPrefix, leafBytes);
}

/** The input of a node hash, reused: the hash reads it whole before it returns. */
const nodeInput = new Uint8Array(1 + 2 * hashSize);
nodeInput[0] = 0x01;

/** RFC 9162 2.1.1: an interior node is SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + hashSize);
  const hash = digest('sha256', nodeInput, 'buffer');
  return new Uint8Array(hash.buffer, hash.byteOffset, hash.byteLength);
}

/** The root of the empty tree, MTH({}) = SHA-256(""). */
export const emptyRoot: Hash = sha256();

export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

