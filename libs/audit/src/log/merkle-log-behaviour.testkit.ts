import * as fc from 'fast-check';
import type { SqlClient } from '@ledger/sql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fromHex } from '../encoding/base64.ts';
import { ProofRequestError } from '../merkle/errors.ts';
import { type Hash, emptyRoot, leafHash } from '../merkle/hash.ts';
import { consistencyProof, inclusionProof } from '../merkle/tree.ts';
import { verifyConsistency, verifyInclusion } from '../merkle/verify.ts';
import { openCheckpoint } from '../note/checkpoint.ts';
import { generateNoteKey, parseSignerKey, parseVerifierKey } from '../note/keys.ts';
import {
  referenceConsistencyProof,
  referenceInclusionPath,
  referenceLeafHash,
  referenceRoot,
} from '../testing/reference-merkle.ts';
import { LeafConflictError, LogGapError } from './errors.ts';
import { SqlMerkleLog } from './sql-merkle-log.ts';

/**
 * What the SQL Merkle log must do on every engine: the suite runs on PGlite and on PostgreSQL.
 * `open` gives a database of the suite's own; tables are emptied before each test.
 */
export function merkleLogBehaviour(name: string, open: () => Promise<{ sql: SqlClient; dispose(): Promise<void> }>) {
  describe(`SQL Merkle log on ${name}`, () => {
    let sql: SqlClient;
    let dispose: () => Promise<void>;
    let log: SqlMerkleLog;

    beforeAll(async () => {
      ({ sql, dispose } = await open());
      log = await SqlMerkleLog.open(sql);
    });
    afterAll(async () => dispose?.());
    beforeEach(async () => {
      await sql.query('truncate merkle_nodes, merkle_leaf_positions, merkle_checkpoints');
    });

    const vectorLeaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
      (input) => leafHash(fromHex(input)!),
    );

    it('starts empty, with the empty-tree root, and refuses proofs beyond its size', async () => {
      expect(await log.size()).toBe(0);
      expect(await log.root()).toEqual(emptyRoot);
      await expect(log.inclusionProof(0, 1)).rejects.toThrow(ProofRequestError);
      await expect(log.consistencyProof(0, 1)).rejects.toThrow(/to: must not exceed the log size 0, got 1/);
    });

    it('gives the RFC 6962 vector roots and proofs after appends in uneven batches', async () => {
      expect(await log.append(0, vectorLeaves.slice(0, 3))).toEqual({ size: 3, appended: 3 });
      expect(await log.append(3, vectorLeaves.slice(3, 4))).toEqual({ size: 4, appended: 1 });
      expect(await log.append(4, vectorLeaves.slice(4))).toEqual({ size: 8, appended: 4 });
      expect(Buffer.from(await log.root(8)).toString('hex')).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
      expect(Buffer.from(await log.root(3)).toString('hex')).toBe('aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77');
      for (let size = 1; size <= 8; size++) {
        for (let index = 0; index < size; index++) {
          expect((await log.inclusionProof(index, size)).hashes).toEqual(inclusionProof(vectorLeaves, index, size));
        }
        for (let from = 0; from <= size; from++) {
          expect((await log.consistencyProof(from, size)).hashes).toEqual(consistencyProof(vectorLeaves, from, size));
        }
      }
    });

    it('skips leaves it already holds, so a repeated append changes nothing', async () => {
      await log.append(0, vectorLeaves.slice(0, 5));
      expect(await log.append(0, vectorLeaves.slice(0, 5))).toEqual({ size: 5, appended: 0 });
      expect(await log.append(3, vectorLeaves.slice(3, 7))).toEqual({ size: 7, appended: 2 });
      expect(await log.size()).toBe(7);
    });

    it('refuses to rewrite a leaf or to leave a gap, and writes nothing then', async () => {
      await log.append(0, vectorLeaves.slice(0, 4));
      const root = await log.root();
      const error = await log.append(2, [vectorLeaves[2]!, vectorLeaves[0]!, vectorLeaves[4]!]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LeafConflictError);
      expect((error as LeafConflictError).index).toBe(3);
      await expect(log.append(5, [vectorLeaves[5]!])).rejects.toThrow(LogGapError);
      expect(await log.size()).toBe(4);
      expect(await log.root()).toEqual(root);
    });

    it('takes concurrent appends of the same leaves once', async () => {
      const results = await Promise.all([log.append(0, vectorLeaves), log.append(0, vectorLeaves), log.append(0, vectorLeaves.slice(0, 6))]);
      expect(results.map((result) => result.appended).reduce((a, b) => a + b)).toBe(8);
      expect(await log.size()).toBe(8);
      expect(Buffer.from(await log.root()).toString('hex')).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
    });

    it('serves proofs that verify against the naive root, and fail with any bit flipped', async () => {
      const batches = fc.array(fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 8 });
      await fc.assert(
        fc.asyncProperty(batches, fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), async (parts, a, b, c, bit) => {
          await sql.query('truncate merkle_nodes');
          const data: Uint8Array[] = [];
          for (const part of parts) {
            await log.append(data.length, part.map(referenceLeafHash));
            data.push(...part);
          }
          const size = 1 + (a % data.length);
          const index = b % size;
          const from = c % (size + 1);
          const root = referenceRoot(data.slice(0, size));
          expect(await log.root(size)).toEqual(root);

          const inclusion = (await log.inclusionProof(index, size)).hashes;
          expect(inclusion).toEqual(referenceInclusionPath(index, data.slice(0, size)));
          expect(verifyInclusion(referenceLeafHash(data[index]!), index, size, inclusion, root)).toEqual({ ok: true });

          const consistency = (await log.consistencyProof(from, size)).hashes;
          expect(consistency).toEqual(referenceConsistencyProof(from, data.slice(0, size)));
          const oldRoot = referenceRoot(data.slice(0, from));
          expect(verifyConsistency(from, size, oldRoot, root, consistency)).toEqual({ ok: true });

          const flip = (hashes: Hash[]) => {
            const copy = hashes.map((hash) => Uint8Array.from(hash));
            const target = copy[(a + b) % copy.length]!;
            target[bit >> 3]! ^= 1 << (bit & 7);
            return copy;
          };
          if (inclusion.length > 0) {
            expect(verifyInclusion(referenceLeafHash(data[index]!), index, size, flip(inclusion), root).ok).toBe(false);
          }
          if (consistency.length > 0) expect(verifyConsistency(from, size, oldRoot, root, flip(consistency)).ok).toBe(false);
        }),
        { numRuns: 30 },
      );
    });

    it('signs checkpoints of its current tree, keeps every one, and they are mutually consistent', async () => {
      const keys = generateNoteKey('ledger.test/log');
      const signer = parseSignerKey(keys.signerKey);
      const verifier = parseVerifierKey(keys.verifierKey);
      expect(await log.latestCheckpoint()).toBeUndefined();

      await log.append(0, vectorLeaves.slice(0, 3));
      const first = await log.issueCheckpoint(signer, { issuedAt: '2026-03-01T10:00:00.000Z' });
      await log.append(3, vectorLeaves.slice(3));
      const second = await log.issueCheckpoint(signer, { issuedAt: '2026-03-01T11:00:00.000Z' });

      expect(first).toMatchObject({ size: 3, issuedAt: '2026-03-01T10:00:00.000Z' });
      expect(await log.latestCheckpoint()).toEqual(second);
      expect(await log.checkpoints()).toEqual([first, second]);

      const opened = openCheckpoint(second.note, verifier, { origin: 'ledger.test/log' });
      expect(opened).toEqual({ origin: 'ledger.test/log', size: 8, root: await log.root(8) });
      const older = openCheckpoint(first.note, verifier);
      const proof = await log.consistencyProof(older.size, opened.size);
      expect(verifyConsistency(older.size, opened.size, older.root, opened.root, proof.hashes)).toEqual({ ok: true });
    });
  });
}
