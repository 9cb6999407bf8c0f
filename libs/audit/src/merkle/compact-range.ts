import { type Hash, emptyRoot, nodeHash } from './hash.ts';
import type { NodeId } from './node-id.ts';

/** Called for every node that becomes complete: each leaf, then each subtree it closes. */
export type CompletedNode = (node: NodeId, hash: Hash) => void;

/**
 * The right edge of a growing tree: the perfect subtrees covering leaves 0..size-1, at most one per
 * level, so O(log n) memory. Appending leaf hashes one at a time gives the root at every prefix
 * size in one pass (the auditor), and names each subtree as it completes (the persistent log).
 */
export class CompactRange {
  private readonly stack: { level: number; hash: Hash }[] = [];
  private count = 0;

  /**
   * Continues a tree of `size` leaves from its right edge: the hashes of `rangeNodes(0, size)`,
   * largest subtree first.
   */
  static resume(size: number, edgeHashes: readonly Hash[]): CompactRange {
    const range = new CompactRange();
    let remaining = size;
    let level = 0;
    const levels: number[] = [];
    while (remaining > 0) {
      if (remaining % 2 === 1) levels.unshift(level);
      remaining = Math.floor(remaining / 2);
      level++;
    }
    if (levels.length !== edgeHashes.length) {
      throw new Error(`a tree of ${size} leaves has ${levels.length} edge subtrees, got ${edgeHashes.length}`);
    }
    levels.forEach((l, i) => range.stack.push({ level: l, hash: edgeHashes[i]! }));
    range.count = size;
    return range;
  }

  get size(): number {
    return this.count;
  }

  append(leaf: Hash, onCompleted?: CompletedNode): void {
    const index = this.count;
    this.count++;
    onCompleted?.({ level: 0, index }, leaf);
    this.stack.push({ level: 0, hash: leaf });
    while (this.stack.length >= 2) {
      const right = this.stack[this.stack.length - 1]!;
      const left = this.stack[this.stack.length - 2]!;
      if (left.level !== right.level) break;
      const merged = { level: left.level + 1, hash: nodeHash(left.hash, right.hash) };
      this.stack.splice(this.stack.length - 2, 2, merged);
      onCompleted?.({ level: merged.level, index: this.count / 2 ** merged.level - 1 }, merged.hash);
    }
  }

  /** MTH of the leaves appended so far. */
  root(): Hash {
    if (this.stack.length === 0) return emptyRoot;
    let hash = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i]!.hash, hash);
    return hash;
  }
}
