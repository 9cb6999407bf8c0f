import { type Hash, emptyRoot, nodeHash } from './hash.ts';
import type { NodeId } from './node-id.ts';
import type { ProofPlan } from './plans.ts';

export type NodeLookup = (node: NodeId) => Hash;

/** MTH of a range given its perfect subtrees left to right: fold from the right (empty: MTH({})). */
export function foldNodes(nodes: readonly NodeId[], lookup: NodeLookup): Hash {
  if (nodes.length === 0) return emptyRoot;
  let hash = lookup(nodes[nodes.length - 1]!);
  for (let i = nodes.length - 2; i >= 0; i--) hash = nodeHash(lookup(nodes[i]!), hash);
  return hash;
}

export function assembleProof(plan: ProofPlan, lookup: NodeLookup): Hash[] {
  return plan.map((entry) => foldNodes(entry, lookup));
}
