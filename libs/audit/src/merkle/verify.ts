import { type Hash, emptyRoot, hashSize, hashesEqual, nodeHash } from './hash.ts';
import { consistencyPlan, inclusionPlan } from './plans.ts';

/** The outcome of checking a proof: a failure says which rule it broke. */
export type Verdict = { ok: true } | { ok: false; reason: string };

const accepted: Verdict = { ok: true };
const rejected = (reason: string): Verdict => ({ ok: false, reason });

function sizeProblem(name: string, value: number): string | undefined {
  return Number.isSafeInteger(value) && value >= 0 ? undefined : `${name} must be a non-negative integer`;
}

function hashProblem(name: string, value: Uint8Array): string | undefined {
  return value.length === hashSize ? undefined : `${name} is ${value.length} bytes, not ${hashSize}`;
}

function proofHashProblem(proof: readonly Hash[]): string | undefined {
  for (let i = 0; i < proof.length; i++) {
    const problem = hashProblem(`proof[${i}]`, proof[i]!);
    if (problem) return problem;
  }
  return undefined;
}

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/**
 * RFC 9162 2.1.3.2: does `proof` show that `leaf` is leaf `index` of the tree of `size` leaves
 * whose root is `root`? The proof length is checked first, so a truncated or padded proof is named
 * as such rather than as a root mismatch.
 */
export function verifyInclusion(leaf: Hash, index: number, size: number, proof: readonly Hash[], root: Hash): Verdict {
  const problem =
    sizeProblem('index', index) ??
    sizeProblem('size', size) ??
    (index >= size ? `index ${index} is not below size ${size}` : undefined) ??
    hashProblem('leaf hash', leaf) ??
    hashProblem('root', root) ??
    proofHashProblem(proof);
  if (problem) return rejected(problem);
  const expectedLength = inclusionPlan(index, size).length;
  if (proof.length !== expectedLength) {
    return rejected(`proof has ${proof.length} hashes; leaf ${index} of ${size} needs ${expectedLength}`);
  }

  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return rejected('proof is longer than the path to the root');
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return rejected('proof is shorter than the path to the root');
  if (!hashesEqual(r, root)) return rejected('the proof leads to a different root');
  return accepted;
}

/**
 * RFC 9162 2.1.4.2: does `proof` show that the tree of `from` leaves with root `oldRoot` is a
 * prefix of the tree of `to` leaves with root `newRoot`? Edge cases as RFC 9162 2.1.4.1 defines
 * the proofs: equal sizes need an empty proof and equal roots; size 0 needs an empty proof and the
 * empty-tree root.
 */
export function verifyConsistency(from: number, to: number, oldRoot: Hash, newRoot: Hash, proof: readonly Hash[]): Verdict {
  const problem =
    sizeProblem('from', from) ??
    sizeProblem('to', to) ??
    (from > to ? `from ${from} is greater than to ${to}` : undefined) ??
    hashProblem('old root', oldRoot) ??
    hashProblem('new root', newRoot) ??
    proofHashProblem(proof);
  if (problem) return rejected(problem);
  const expectedLength = consistencyPlan(from, to).length;
  if (proof.length !== expectedLength) {
    return rejected(`proof has ${proof.length} hashes; sizes ${from} to ${to} need ${expectedLength}`);
  }
  if (from === to) {
    return hashesEqual(oldRoot, newRoot) ? accepted : rejected(`trees of equal size ${from} have different roots`);
  }
  if (from === 0) {
    return hashesEqual(oldRoot, emptyRoot) ? accepted : rejected('the old root is not the empty-tree root');
  }

  // A power-of-two old tree is itself a node of the new tree: the proof leaves it out.
  const path = isPowerOfTwo(from) ? [oldRoot, ...proof] : [...proof];
  let fn = from - 1;
  let sn = to - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return rejected('proof is longer than the path to the new root');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return rejected('proof is shorter than the path to the new root');
  if (!hashesEqual(fr, oldRoot)) return rejected('the proof does not lead to the old root');
  if (!hashesEqual(sr, newRoot)) return rejected('the proof does not lead to the new root');
  return accepted;
}
