import { describe, expect, it } from 'vitest';
import { leafHash } from '../merkle/hash.ts';
import { rootAt } from '../merkle/tree.ts';
import { PrefixRootsOnWorker, treeWorkersRunning } from './prefix-roots-on-worker.ts';

const entries = (count: number) => Array.from({ length: count }, (_, i) => new TextEncoder().encode(`{"leaf":${i}}`));

describe('prefix roots built on a worker thread', () => {
  it('answers the roots the tree computes, across batches and while the reading waits for the worker', async () => {
    const leaves = entries(5000);
    const expected = leaves.map((entry) => leafHash(entry));
    // Small batches and a short backlog: the reading is made to wait for the worker many times.
    const prefixes = new PrefixRootsOnWorker({ batchLeaves: 7, maxBacklog: 2 });
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
      for (const size of [5000, 0, 1, 7, 8, 2048, 2049, 4096, 4999]) expect(await prefixes.rootAt(size)).toEqual(rootAt(expected, size));
    } finally {
      await prefixes.close();
    }
    expect(prefixes.size).toBe(5000);
    expect(waits).toBeGreaterThan(0);
    expect(treeWorkersRunning()).toBe(0);
  });

  it("rejects with the worker's own error, and with it again after the worker ended", async () => {
    const prefixes = new PrefixRootsOnWorker();
    try {
      for (const entry of entries(3)) prefixes.appendPrefixedLeaf(Uint8Array.of(0, ...entry));
      await expect(prefixes.rootAt(5)).rejects.toThrow('no prefix of size 5; 3 leaves seen');
      await expect(prefixes.rootAt(3)).rejects.toThrow('no prefix of size 5');
      await expect(prefixes.backlog()).rejects.toThrow('no prefix of size 5');
    } finally {
      await prefixes.close();
    }
    expect(treeWorkersRunning()).toBe(0);
  });

  it('rejects when its worker cannot start', async () => {
    const prefixes = new PrefixRootsOnWorker({ workerUrl: new URL('./no-such-worker.ts', import.meta.url) });
    try {
      prefixes.appendPrefixedLeaf(Uint8Array.of(0, 0x7b, 0x7d));
      await expect(prefixes.rootAt(1)).rejects.toThrow();
    } finally {
      await prefixes.close();
    }
    expect(treeWorkersRunning()).toBe(0);
  });
});
