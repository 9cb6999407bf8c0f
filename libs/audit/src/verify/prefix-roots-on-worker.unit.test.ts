import { describe, expect, it } from 'vitest';
import { leafHash } from '../merkle/hash.ts';
import { rootAt } from '../merkle/tree.ts';
import { PrefixRoots } from './prefix-roots.ts';
import { PrefixRootsOnWorker, type TreeWorkerOptions, treeWorkersRunning } from './prefix-roots-on-worker.ts';

const entries = (count: number) => Array.from({ length: count }, (_, i) => new TextEncoder().encode(`{"leaf":${i}}`));

/** Appends the leaves, waiting whenever the worker asks to, and answers the roots at the sizes given; ends the worker. */
async function rootsOnWorker(leaves: readonly Uint8Array[], sizes: readonly number[], options: TreeWorkerOptions) {
  const prefixes = new PrefixRootsOnWorker(options);
  let waits = 0;
  try {
    for (const entry of leaves) {
      prefixes.appendPrefixedLeaf(Uint8Array.of(0, ...entry));
      const backlog = prefixes.backlog();
      if (backlog) {
        waits++;
        await backlog;
      }
    }
    const roots: Uint8Array[] = [];
    for (const size of sizes) roots.push(await prefixes.rootAt(size));
    return { roots, waits, size: prefixes.size };
  } finally {
    await prefixes.close();
  }
}

/** A worker program that answers every batch with what `answer` makes of it (code run in the worker). */
const workerAnswering = (answer: string) => `require('node:worker_threads').parentPort.on('message', (leaves) => { ${answer} })`;

describe('prefix roots with the node hashes on a worker thread', () => {
  it('answers the roots the tree computes, across batches and while the reading waits for the worker', async () => {
    const leaves = entries(5000);
    const expected = leaves.map((entry) => leafHash(entry));
    const sizes = [5000, 0, 1, 7, 8, 9, 2048, 2049, 4096, 4999];
    // Small batches and a short backlog: the reading is made to wait for the worker many times.
    const { roots, waits, size } = await rootsOnWorker(leaves, sizes, { batchLeaves: 8, maxBacklog: 2 });
    expect(roots).toEqual(sizes.map((at) => rootAt(expected, at)));
    expect(size).toBe(5000);
    expect(waits).toBeGreaterThan(0);
    expect(treeWorkersRunning()).toBe(0);
  });

  it('answers for fewer leaves than a batch: all hashed here', async () => {
    const leaves = entries(5);
    const { roots } = await rootsOnWorker(leaves, [5, 3], {});
    expect(roots).toEqual([5, 3].map((at) => rootAt(leaves.map((entry) => leafHash(entry)), at)));
  });

  it.each([
    ['throws', workerAnswering("throw new RangeError('the tree worker broke')"), 'the tree worker broke'],
    ['exits', workerAnswering('process.exit(3)'), 'exit code 3'],
    ['answers a subtree of the wrong shape', workerAnswering("require('node:worker_threads').parentPort.postMessage(['x'])"), 'not a perfect subtree'],
  ])('rejects what waits on it when its worker %s, and leaves no worker running', async (_, workerSource, message) => {
    await expect(rootsOnWorker(entries(40), [40], { workerSource, batchLeaves: 8, maxBacklog: 1 })).rejects.toThrow(message);
    expect(treeWorkersRunning()).toBe(0);
  });

  it('refuses a root once closed before the end (an abort), and still answers after a close that followed the end', async () => {
    const aborted = new PrefixRootsOnWorker({ batchLeaves: 2 });
    for (const entry of entries(5)) aborted.appendPrefixedLeaf(Uint8Array.of(0, ...entry));
    await aborted.close();
    await expect(aborted.rootAt(5)).rejects.toThrow('closed before');
    const { roots } = await rootsOnWorker(entries(5), [5, 5], { batchLeaves: 2 });
    expect(roots[1]).toEqual(roots[0]);
    expect(treeWorkersRunning()).toBe(0);
  });

  it('refuses a batch that is not a power of two', () => {
    expect(() => new PrefixRootsOnWorker({ batchLeaves: 6 })).toThrow(RangeError);
    expect(treeWorkersRunning()).toBe(0);
  });
});

describe('prefix roots given whole subtrees', () => {
  it('refuses a subtree out of line or of the wrong shape', () => {
    const prefixes = new PrefixRoots();
    prefixes.appendLeafDigest('a'.repeat(32));
    expect(() => prefixes.appendSubtree(['b'.repeat(64), 'c'.repeat(32)])).toThrow(RangeError);
    prefixes.appendLeafDigest('b'.repeat(32));
    expect(() => prefixes.appendSubtree(['b'.repeat(64), 'c'.repeat(64)])).toThrow(RangeError);
    expect(() => prefixes.appendLeafDigest('short')).toThrow(RangeError);
  });
});
