import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../encoding/base64.ts';
import { type Hash, emptyRoot, leafHash } from './hash.ts';
import { consistencyProof, inclusionProof, rootAt, rootOf } from './tree.ts';
import { type Verdict, verifyConsistency, verifyInclusion } from './verify.ts';
import { ProofRequestError } from './errors.ts';

// The public RFC 6962 test vectors (transparency-dev/merkle proof/verify_test.go, originally from
// google/certificate-transparency): eight leaf inputs, the roots of their first 1..8 leaves, and
// known inclusion and consistency proofs.
const leafInputs = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const expectedRoots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const inclusionVectors = [
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  { index: 0, size: 1, proof: [] },
];
const consistencyVectors = [
  { from: 1, to: 1, proof: [] },
  {
    from: 1,
    to: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    from: 6,
    to: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    from: 2,
    to: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    from: 6,
    to: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const hex = (text: string): Hash => fromHex(text)!;
const leaves = leafInputs.map((input) => leafHash(hex(input)));
const root = (size: number): Hash => hex(expectedRoots[size - 1]!);
const someHash = hex('abacaba000000000000000000000000000000000000000000060061e00123456');

function flipBit(hashes: readonly Hash[], at: number, mask: number): Hash[] {
  return hashes.map((hash, i) => (i === at ? hash.map((byte, j) => (j === 0 ? byte ^ mask : byte)) : hash));
}

function expectRejected(verdict: Verdict): void {
  expect(verdict.ok).toBe(false);
  if (!verdict.ok) expect(verdict.reason).toMatch(/\w/);
}

describe('RFC 6962 test vectors', () => {
  it('gives the published root for each of the first 1..8 leaves', () => {
    for (let size = 1; size <= 8; size++) {
      expect(toHex(rootOf(leaves.slice(0, size)))).toBe(expectedRoots[size - 1]);
      expect(toHex(rootAt(leaves, size))).toBe(expectedRoots[size - 1]);
    }
    expect(toHex(rootOf([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(rootAt(leaves, 0)).toEqual(emptyRoot);
  });

  describe.each(inclusionVectors)('inclusion of leaf $index in $size', ({ index, size, proof }) => {
    const expected = proof.map(hex);

    it('builds the published proof, and it verifies', () => {
      expect(inclusionProof(leaves, index, size).map(toHex)).toEqual(proof);
      expect(verifyInclusion(leaves[index]!, index, size, expected, root(size))).toEqual({ ok: true });
    });

    it('rejects wrong indexes, sizes, leaves and roots', () => {
      if (index > 0) expectRejected(verifyInclusion(leaves[index]!, index - 1, size, expected, root(size)));
      expectRejected(verifyInclusion(leaves[index]!, index + 1, size, expected, root(size)));
      expectRejected(verifyInclusion(leaves[index]!, index ^ 2, size, expected, root(size)));
      expectRejected(verifyInclusion(leaves[index]!, index, size * 2, expected, root(size)));
      expectRejected(verifyInclusion(leaves[index]!, index, Math.floor(size / 2), expected, root(size)));
      expectRejected(verifyInclusion(leafHash(new TextEncoder().encode('WrongLeaf')), index, size, expected, root(size)));
      expectRejected(verifyInclusion(leaves[index]!, index, size, expected, emptyRoot));
      expectRejected(verifyInclusion(leaves[index]!, index, size, expected, someHash));
    });

    it('rejects proofs with a hash added, removed or a bit flipped', () => {
      const verify = (hashes: Hash[]) => verifyInclusion(leaves[index]!, index, size, hashes, root(size));
      expectRejected(verify([...expected, root(size)]));
      expectRejected(verify([root(size), ...expected]));
      expectRejected(verify([...expected, new Uint8Array(0)]));
      if (expected.length > 0) expectRejected(verify(expected.slice(0, -1)));
      if (expected.length > 1) expectRejected(verify([expected[0]!, someHash, ...expected.slice(1)]));
      for (let i = 0; i < expected.length; i++) expectRejected(verify(flipBit(expected, i, 8)));
    });
  });

  describe.each(consistencyVectors)('consistency of $from with $to', ({ from, to, proof }) => {
    const expected = proof.map(hex);

    it('builds the published proof, and it verifies', () => {
      expect(consistencyProof(leaves, from, to).map(toHex)).toEqual(proof);
      expect(verifyConsistency(from, to, root(from), root(to), expected)).toEqual({ ok: true });
    });

  });

  describe.each(consistencyVectors.filter((vector) => vector.proof.length > 0))('corrupted consistency of $from with $to', ({ from, to, proof }) => {
    const expected = proof.map(hex);

    it('rejects wrong sizes, roots, padding, truncation and flipped bits', () => {
      const [r1, r2] = [root(from), root(to)];
      expectRejected(verifyConsistency(from - 1, to, r1, r2, expected));
      expectRejected(verifyConsistency(from + 1, to, r1, r2, expected));
      expectRejected(verifyConsistency(from ^ 2, to, r1, r2, expected));
      expectRejected(verifyConsistency(from, to * 2, r1, r2, expected));
      expectRejected(verifyConsistency(from, Math.floor(to / 2), r1, r2, expected));
      expectRejected(verifyConsistency(from, to, someHash, r2, expected));
      expectRejected(verifyConsistency(from, to, r1, someHash, expected));
      expectRejected(verifyConsistency(from, to, r2, r1, expected));
      expectRejected(verifyConsistency(from, to, r1, r2, []));
      expectRejected(verifyConsistency(from, to, r1, r2, [...expected, r1]));
      expectRejected(verifyConsistency(from, to, r1, r2, [...expected, r2]));
      expectRejected(verifyConsistency(from, to, r1, r2, [r1, ...expected]));
      expectRejected(verifyConsistency(from, to, r1, r2, [expected[0]!, ...expected]));
      expectRejected(verifyConsistency(from, to, r1, r2, expected.slice(0, -1)));
      for (let i = 0; i < expected.length; i++) expectRejected(verifyConsistency(from, to, r1, r2, flipBit(expected, i, 16)));
    });
  });
});

describe('proof verification edge cases', () => {
  it('rejects an index at or beyond the tree size, naming the rule', () => {
    const verdict = verifyInclusion(leaves[0]!, 1, 1, [], root(1));
    expect(verdict).toEqual({ ok: false, reason: 'index 1 is not below size 1' });
    expectRejected(verifyInclusion(leaves[0]!, 0, 0, [], emptyRoot));
  });

  it('rejects a proof of the wrong length before hashing, saying so', () => {
    const verdict = verifyInclusion(leaves[5]!, 5, 8, inclusionProof(leaves, 5, 8).slice(0, 2), root(8));
    expect(verdict).toEqual({ ok: false, reason: 'proof has 2 hashes; leaf 5 of 8 needs 3' });
  });

  it('rejects hashes that are not 32 bytes', () => {
    expect(verifyInclusion(new Uint8Array(31), 0, 1, [], root(1))).toEqual({
      ok: false,
      reason: 'leaf hash is 31 bytes, not 32',
    });
  });

  it('treats the empty tree and equal sizes as RFC 9162 defines them', () => {
    expect(verifyConsistency(0, 5, emptyRoot, root(5), [])).toEqual({ ok: true });
    expectRejected(verifyConsistency(0, 5, someHash, root(5), []));
    expect(verifyConsistency(4, 4, root(4), root(4), [])).toEqual({ ok: true });
    expectRejected(verifyConsistency(4, 4, root(4), root(5), []));
    expectRejected(verifyConsistency(4, 4, root(4), root(4), [root(4)]));
    expectRejected(verifyConsistency(1, 2, root(1), root(2), []));
  });

  it('rejects going back in time', () => {
    expect(verifyConsistency(5, 3, root(5), root(3), [])).toEqual({ ok: false, reason: 'from 5 is greater than to 3' });
  });

  it('refuses to build proofs that do not exist, naming the field', () => {
    expect(() => inclusionProof(leaves, 8, 8)).toThrow(ProofRequestError);
    expect(() => inclusionProof(leaves, 2, 9)).toThrow(/size: must not exceed the 8 leaves known/);
    expect(() => consistencyProof(leaves, 5, 3)).toThrow(/from: must not exceed to/);
    expect(() => inclusionProof(leaves, -1, 3)).toThrow(/index: must be a non-negative integer/);
  });
});
