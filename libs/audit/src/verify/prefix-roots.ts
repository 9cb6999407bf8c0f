import { CompactRange } from '../merkle/compact-range.ts';
import { type Hash, hashSize } from '../merkle/hash.ts';

/**
 * The root of every prefix of a leaf sequence, computed in one pass with a compact range and kept
 * in one contiguous buffer (32 bytes per leaf): the auditor's binary search asks for roots at
 * sizes it only learns as it goes.
 */
export class PrefixRoots {
  private readonly range = new CompactRange();
  private buffer = new Uint8Array(hashSize * 64);

  constructor() {
    this.buffer.set(this.range.root(), 0);
  }

  get size(): number {
    return this.range.size;
  }

  append(leaf: Hash): void {
    this.range.append(leaf);
    const offset = this.range.size * hashSize;
    if (offset + hashSize > this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer.set(this.range.root(), offset);
  }

  /** The root of the first `size` leaves (size 0: the empty-tree root). */
  rootAt(size: number): Hash {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.range.size) {
      throw new RangeError(`no prefix of size ${size}; ${this.range.size} leaves seen`);
    }
    return this.buffer.slice(size * hashSize, (size + 1) * hashSize);
  }
}
