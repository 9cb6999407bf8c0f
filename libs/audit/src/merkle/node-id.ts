/**
 * A perfect subtree of the log: `2^level` leaves starting at leaf `index * 2^level`. Level 0 nodes
 * are the leaf hashes. Every hash a proof or a root needs is built from such nodes, and they never
 * change once their last leaf is appended, which is why the persistent log stores exactly these.
 */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

export function nodeKey(node: NodeId): string {
  return `${node.level}:${node.index}`;
}

/** The largest power of two strictly below `n` (n >= 2): RFC 9162's split point `k`. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The largest power of two at or below `n` (n >= 1). */
function powerOfTwoAtMost(n: number): number {
  let k = 1;
  while (k * 2 <= n) k *= 2;
  return k;
}

/**
 * The perfect subtrees, left to right, whose right-to-left fold is MTH(D[start:end]).
 *
 * Holds for the ranges RFC 9162's recursion produces: `start` is a multiple of a power of two at
 * least `end - start`. MTH then splits off the largest power of two below the range size, which is
 * itself aligned, and recurses on an aligned remainder; so the range is its binary decomposition
 * from the largest piece down, folded from the right.
 */
export function rangeNodes(start: number, end: number): NodeId[] {
  const nodes: NodeId[] = [];
  let at = start;
  while (at < end) {
    const width = powerOfTwoAtMost(end - at);
    if (at % width !== 0) throw new Error(`range ${start}..${end} is not aligned as MTH ranges are`);
    nodes.push({ level: Math.log2(width), index: at / width });
    at += width;
  }
  return nodes;
}
