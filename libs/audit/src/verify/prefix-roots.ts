import { CompactRange } from '../merkle/compact-range.ts';
import { type Hash, emptyRoot, hashSize, nodeHash } from '../merkle/hash.ts';

/** Hashes of one level of the tree, in index order, in one growing buffer (32 bytes each). */
class Level {
  private buffer = new Uint8Array(hashSize * 1024);
  count = 0;

  push(hash: Hash): void {
    const offset = this.count * hashSize;
    if (offset + hashSize > this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer.set(hash, offset);
    this.count += 1;
  }

  at(index: number): Hash {
    return this.buffer.subarray(index * hashSize, (index + 1) * hashSize);
  }
}

/**
 * The root of any prefix of a leaf sequence, for the auditor's binary search, which asks for roots at sizes it
 * only learns as it goes. Appending keeps every complete subtree (about two hashes per leaf, one SHA-256 per
 * leaf on average); a root is computed when asked, from the O(log n) subtrees that cover the prefix, instead of
 * after every leaf (issue 9: that was about 30 % of a verification).
 */
export class PrefixRoots {
  private readonly range = new CompactRange();
  private readonly levels: Level[] = [];

  get size(): number {
    return this.range.size;
  }

  append(leaf: Hash): void {
    this.range.append(leaf, (node, hash) => {
      const level = (this.levels[node.level] ??= new Level());
      level.push(hash);
    });
  }

  /** The root of the first `size` leaves (size 0: the empty-tree root). */
  rootAt(size: number): Hash {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.range.size) {
      throw new RangeError(`no prefix of size ${size}; ${this.range.size} leaves seen`);
    }
    if (size === 0) return emptyRoot.slice();
    // The perfect subtrees covering leaves 0..size-1, largest first: one per bit of `size`.
    const covering: Hash[] = [];
    let start = 0;
    for (let level = Math.floor(Math.log2(size)); level >= 0; level--) {
      if (Math.floor(size / 2 ** level) % 2 === 0) continue;
      covering.push(this.levels[level]!.at(start / 2 ** level));
      start += 2 ** level;
    }
    let root = covering.at(-1)!;
    for (let i = covering.length - 2; i >= 0; i--) root = nodeHash(covering[i]!, root);
    return root.slice();
  }
}
