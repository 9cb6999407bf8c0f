import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  referenceConsistencyProof,
  referenceInclusionPath,
  referenceLeafHash,
  referenceRoot,
} from '../testing/reference-merkle.ts';
import { CompactRange } from './compact-range.ts';
import { type Hash, emptyRoot } from './hash.ts';
import { rangeNodes } from './node-id.ts';
import { consistencyProof, inclusionProof, rootAt, rootOf } from './tree.ts';
import { verifyConsistency, verifyInclusion } from './verify.ts';

const entries = fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 70 });

/** A tree, a size within it and a position within that size. */
const treeWithIndex = entries.chain((data) =>
  fc.integer({ min: 1, max: data.length }).chain((size) =>
    fc.record({ data: fc.constant(data), size: fc.constant(size), index: fc.integer({ min: 0, max: size - 1 }) }),
  ),
);

const treeWithSizes = entries.chain((data) =>
  fc.integer({ min: 0, max: data.length }).chain((to) =>
    fc.record({ data: fc.constant(data), to: fc.constant(to), from: fc.integer({ min: 0, max: to }) }),
  ),
);

function flip(hashes: readonly Hash[], element: number, bit: number): Hash[] {
  return hashes.map((hash, i) => (i === element ? hash.map((byte, j) => (j === bit >> 3 ? byte ^ (1 << (bit & 7)) : byte)) : hash));
}

describe('in-memory tree against the naive reference', () => {
  it('has the reference root at every size', () => {
    fc.assert(
      fc.property(entries, (data) => {
        const leaves = data.map(referenceLeafHash);
        expect(rootOf(leaves)).toEqual(referenceRoot(data));
        const size = Math.floor(data.length / 2);
        expect(rootAt(leaves, size)).toEqual(referenceRoot(data.slice(0, size)));
      }),
    );
  });

  it('builds the reference inclusion proof, which verifies against the reference root', () => {
    fc.assert(
      fc.property(treeWithIndex, ({ data, size, index }) => {
        const leaves = data.map(referenceLeafHash);
        const proof = inclusionProof(leaves, index, size);
        expect(proof).toEqual(referenceInclusionPath(index, data.slice(0, size)));
        expect(verifyInclusion(leaves[index]!, index, size, proof, referenceRoot(data.slice(0, size)))).toEqual({ ok: true });
      }),
    );
  });

  it('builds the reference consistency proof, which verifies against the reference roots', () => {
    fc.assert(
      fc.property(treeWithSizes, ({ data, from, to }) => {
        const leaves = data.map(referenceLeafHash);
        const proof = consistencyProof(leaves, from, to);
        expect(proof).toEqual(referenceConsistencyProof(from, data.slice(0, to)));
        const verdict = verifyConsistency(from, to, referenceRoot(data.slice(0, from)), referenceRoot(data.slice(0, to)), proof);
        expect(verdict).toEqual({ ok: true });
      }),
    );
  });

  it('rejects an inclusion proof with any single bit flipped', () => {
    fc.assert(
      fc.property(treeWithIndex, fc.nat(), fc.integer({ min: 0, max: 255 }), ({ data, size, index }, at, bit) => {
        const leaves = data.map(referenceLeafHash);
        const proof = inclusionProof(leaves, index, size);
        fc.pre(proof.length > 0);
        const root = referenceRoot(data.slice(0, size));
        expect(verifyInclusion(leaves[index]!, index, size, flip(proof, at % proof.length, bit), root).ok).toBe(false);
      }),
    );
  });

  it('rejects a consistency proof with any single bit flipped', () => {
    fc.assert(
      fc.property(treeWithSizes, fc.nat(), fc.integer({ min: 0, max: 255 }), ({ data, from, to }, at, bit) => {
        const leaves = data.map(referenceLeafHash);
        const proof = consistencyProof(leaves, from, to);
        fc.pre(proof.length > 0);
        const [oldRoot, newRoot] = [referenceRoot(data.slice(0, from)), referenceRoot(data.slice(0, to))];
        expect(verifyConsistency(from, to, oldRoot, newRoot, flip(proof, at % proof.length, bit)).ok).toBe(false);
      }),
    );
  });
});

describe('compact range', () => {
  it('gives the reference root at every prefix size in one pass', () => {
    fc.assert(
      fc.property(entries, (data) => {
        const range = new CompactRange();
        expect(range.root()).toEqual(emptyRoot);
        data.forEach((entry, i) => {
          range.append(referenceLeafHash(entry));
          expect(range.size).toBe(i + 1);
          expect(range.root()).toEqual(referenceRoot(data.slice(0, i + 1)));
        });
      }),
    );
  });

  it('reports each completed subtree once, with the hash the reference gives its leaves', () => {
    fc.assert(
      fc.property(entries, (data) => {
        const completed = new Map<string, Hash>();
        const range = new CompactRange();
        for (const entry of data) {
          range.append(referenceLeafHash(entry), (node, hash) => {
            const key = `${node.level}:${node.index}`;
            expect(completed.has(key)).toBe(false);
            completed.set(key, hash);
            const width = 2 ** node.level;
            expect(hash).toEqual(referenceRoot(data.slice(node.index * width, (node.index + 1) * width)));
          });
        }
        // A tree of n leaves has n leaves and n - 1 complete or incomplete inner nodes; the
        // complete ones number n minus the count of subtrees on its right edge.
        const edge = rangeNodes(0, data.length).length;
        expect(completed.size).toBe(2 * data.length - edge);
      }),
    );
  });

  it('resumes from the right edge of a tree as if it had seen every leaf', () => {
    fc.assert(
      fc.property(entries, fc.nat(), (data, cut) => {
        const size = cut % (data.length + 1);
        const leaves = data.map(referenceLeafHash);
        const edgeHashes = rangeNodes(0, size).map((node) => rootAt(leaves.slice(node.index * 2 ** node.level), 2 ** node.level));
        const resumed = CompactRange.resume(size, edgeHashes);
        for (const leaf of leaves.slice(size)) resumed.append(leaf);
        expect(resumed.root()).toEqual(referenceRoot(data));
      }),
    );
  });
});
