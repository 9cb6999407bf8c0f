import { ProofRequestError, requireTreeSize } from './errors.ts';
import { type NodeId, rangeNodes, splitPoint } from './node-id.ts';

/**
 * What a proof needs, before any hash is looked up: for each proof entry, the perfect subtrees
 * whose fold is that entry's MTH. Planning first lets the persistent log fetch every node of a
 * proof in one query, and lets the in-memory tree and the SQL log share one proof algorithm.
 */
export type ProofPlan = readonly (readonly NodeId[])[];

/** The nodes whose fold is the root of the first `size` leaves (empty for size 0). */
export function rootPlan(size: number): NodeId[] {
  requireTreeSize('size', size);
  return rangeNodes(0, size);
}

/** RFC 9162 2.1.3.1: PATH(m, D[n]), deepest sibling first. */
export function inclusionPlan(index: number, size: number): ProofPlan {
  requireTreeSize('index', index);
  requireTreeSize('size', size);
  if (index >= size) throw new ProofRequestError('index', `must be below the tree size ${size}, got ${index}`);
  const plan: NodeId[][] = [];
  const path = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      plan.push(rangeNodes(start + k, end));
    } else {
      path(m - k, start + k, end);
      plan.push(rangeNodes(start, start + k));
    }
  };
  path(index, 0, size);
  return plan;
}

/**
 * RFC 9162 2.1.4.1: PROOF(m, D[n]) = SUBPROOF(m, D[n], true). Empty when `from` is 0 or equals
 * `to`: every tree is consistent with the empty tree, and with itself.
 */
export function consistencyPlan(from: number, to: number): ProofPlan {
  requireTreeSize('from', from);
  requireTreeSize('to', to);
  if (from > to) throw new ProofRequestError('from', `must not exceed to (${to}), got ${from}`);
  const plan: NodeId[][] = [];
  if (from === 0 || from === to) return plan;
  const subproof = (m: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!whole) plan.push(rangeNodes(start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, whole);
      plan.push(rangeNodes(start + k, end));
    } else {
      subproof(m - k, start + k, end, false);
      plan.push(rangeNodes(start, start + k));
    }
  };
  subproof(from, 0, to, true);
  return plan;
}

/** Every distinct node a plan names, for one batched lookup. */
export function nodesOfPlan(plan: ProofPlan): NodeId[] {
  const seen = new Map<string, NodeId>();
  for (const entry of plan) for (const node of entry) seen.set(`${node.level}:${node.index}`, node);
  return [...seen.values()];
}
