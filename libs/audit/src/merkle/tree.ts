import { assembleProof, foldNodes } from './assemble.ts';
import { CompactRange } from './compact-range.ts';
import { ProofRequestError, requireTreeSize } from './errors.ts';
import { type Hash, nodeHash } from './hash.ts';
import type { NodeId } from './node-id.ts';
import { consistencyPlan, inclusionPlan, rootPlan } from './plans.ts';

/**
 * Roots and proofs over leaf hashes held in memory: for tests, tools and small logs. The
 * persistent log answers the same questions from stored subtree hashes with the same plans.
 */

/** MTH of all the given leaves. */
export function rootOf(leafHashes: readonly Hash[]): Hash {
  const range = new CompactRange();
  for (const leaf of leafHashes) range.append(leaf);
  return range.root();
}

function requireSizeWithin(field: string, size: number, leafHashes: readonly Hash[]): void {
  requireTreeSize(field, size);
  if (size > leafHashes.length) {
    throw new ProofRequestError(field, `must not exceed the ${leafHashes.length} leaves known, got ${size}`);
  }
}

function subtreeLookup(leafHashes: readonly Hash[]): (node: NodeId) => Hash {
  const hashOf = (level: number, index: number): Hash => {
    if (level === 0) return leafHashes[index]!;
    return nodeHash(hashOf(level - 1, 2 * index), hashOf(level - 1, 2 * index + 1));
  };
  return (node) => hashOf(node.level, node.index);
}

/** MTH of the first `size` leaves. */
export function rootAt(leafHashes: readonly Hash[], size: number): Hash {
  requireSizeWithin('size', size, leafHashes);
  return foldNodes(rootPlan(size), subtreeLookup(leafHashes));
}

/** RFC 9162 inclusion proof of leaf `index` in the tree of the first `size` leaves. */
export function inclusionProof(leafHashes: readonly Hash[], index: number, size: number): Hash[] {
  requireSizeWithin('size', size, leafHashes);
  return assembleProof(inclusionPlan(index, size), subtreeLookup(leafHashes));
}

/** RFC 9162 consistency proof between the trees of the first `from` and first `to` leaves. */
export function consistencyProof(leafHashes: readonly Hash[], from: number, to: number): Hash[] {
  requireSizeWithin('to', to, leafHashes);
  return assembleProof(consistencyPlan(from, to), subtreeLookup(leafHashes));
}
