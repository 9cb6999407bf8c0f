import { describe, expect, it } from 'vitest';
import { fromHex } from '../encoding/base64.ts';
import { leafHash } from './hash.ts';
import {
  ProofFormatError,
  consistencyProofFromJson,
  consistencyProofToJson,
  inclusionProofFromJson,
  inclusionProofToJson,
} from './proof-json.ts';
import { consistencyProof, inclusionProof } from './tree.ts';

const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) =>
  leafHash(fromHex(h)!),
);

describe('proof JSON', () => {
  it('serves proofs as base64 hashes (the documented examples)', () => {
    expect(inclusionProofToJson({ index: 5, size: 8, hashes: inclusionProof(leaves, 5, 8) })).toEqual({
      index: 5,
      size: 8,
      hashes: [
        'vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=',
        'yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=',
        '037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=',
      ],
    });
    expect(consistencyProofToJson({ from: 6, to: 8, hashes: consistencyProof(leaves, 6, 8) })).toEqual({
      from: 6,
      to: 8,
      hashes: [
        'DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=',
        'yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=',
        '037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=',
      ],
    });
  });

  it('reads back what it writes', () => {
    const proof = { from: 3, to: 7, hashes: consistencyProof(leaves, 3, 7) };
    expect(consistencyProofFromJson(JSON.parse(JSON.stringify(consistencyProofToJson(proof))))).toEqual(proof);
    const inclusion = { index: 2, size: 3, hashes: inclusionProof(leaves, 2, 3) };
    expect(inclusionProofFromJson(inclusionProofToJson(inclusion))).toEqual(inclusion);
  });

  it.each([
    [{ index: 1, size: 2, hashes: ['AAAA'] }, 'hashes.0'],
    [{ index: 1, size: 2, hashes: ['vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms'] }, 'hashes.0'],
    [{ index: -1, size: 2, hashes: [] }, 'index'],
    [{ index: 1.5, size: 2, hashes: [] }, 'index'],
    [{ index: 1, hashes: [] }, 'size'],
    [{ index: 1, size: 2, hashes: [], extra: true }, ''],
  ])('refuses %j, naming %s', (input, path) => {
    const error = (() => {
      try {
        inclusionProofFromJson(input);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ProofFormatError);
    expect((error as ProofFormatError).path).toBe(path);
  });
});
