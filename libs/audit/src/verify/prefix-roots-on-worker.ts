import { hash as digest } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Hash } from '../merkle/hash.ts';
import { PrefixRoots } from './prefix-roots.ts';

/**
 * The tree worker's whole program. It is handed to the worker as its source (`eval`), so that the worker starts as
 * bare JavaScript: a worker that loads TypeScript modules sets up the type stripper first, which took about 100 ms of
 * CPU against 30 ms (issue 9). It uses nothing of this module: only node's own modules, by `require`.
 *
 * Each message is the leaf digests of a perfect subtree (2^k of them, latin1, 32 characters each); the answer is
 * every level of that subtree above its leaves, lowest first, each one latin1 string, its root alone last: the RFC
 * 9162 node hash SHA-256(0x01 || left || right) of each pair, level after level.
 */
function subtreeWorker(): void {
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const { hash } = require('node:crypto') as typeof import('node:crypto');
  const input = Buffer.alloc(65);
  input[0] = 0x01;
  parentPort!.on('message', (leaves: string) => {
    const levels: string[] = [];
    for (let level = leaves; level.length > 32; ) {
      const parents: string[] = [];
      for (let at = 0; at < level.length; at += 64) {
        input.write(level.substring(at, at + 64), 1, 64, 'latin1');
        parents.push(hash('sha256', input, 'binary'));
      }
      level = parents.join('');
      levels.push(level);
    }
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker's port, not a window
    parentPort!.postMessage(levels);
  });
}

export interface TreeWorkerOptions {
  /** Leaves a message, a power of two (default 4,096: 128 KiB, so the messages cost next to nothing beside the hashing). */
  batchLeaves?: number;
  /** Batches the worker may lag behind before the reading waits for it (default 64: 8 MiB of digests). */
  maxBacklog?: number;
  /** The worker's program (default `subtreeWorker`'s source). */
  workerSource?: string;
}

let running = 0;

/** Tree workers started and not yet exited, in this thread (a verification ends its own before it answers). */
export const treeWorkersRunning = (): number => running;

/**
 * `PrefixRoots` with its node hashes on a worker thread (issue 9). One thread is capped by its calls into node: the
 * leaf hash and, on average, a node hash of about half its cost each leaf. This thread hashes the leaves (the bigger
 * call, and the bytes are here) and hands their digests, `batchLeaves` a message, to a worker that hashes every node
 * of that subtree; they are appended as they come back (`PrefixRoots.appendSubtree`), in order, and only the few
 * nodes above the subtrees and the leaves of the last partial batch are hashed here. Where a second core is free the
 * verification goes about at the rate of its leaf hashes; it costs the CPU time it did plus the worker's start.
 *
 * The worker's errors, and its exit before the end, reject what waits on it (`backlog`, `rootAt`). `close` must be
 * called whatever happens: it ends the worker. The first `rootAt` waits for every subtree and ends the worker.
 */
export class PrefixRootsOnWorker {
  private readonly prefixes = new PrefixRoots();
  private readonly worker: Worker;
  private readonly batchLeaves: number;
  private readonly maxBacklog: number;
  private batch: string[] = [];
  /** Leaf digests sent, not yet answered: the worker answers them in this order. */
  private readonly sent: string[] = [];
  private leaves = 0;
  private failure: Error | undefined;
  private closed = false;
  /** Every subtree answered and the last leaves appended here: the tree is whole. */
  private complete = false;
  private waiting: { resolve: () => void; reject: (error: Error) => void; until: number } | undefined;

  constructor(options: TreeWorkerOptions = {}) {
    this.batchLeaves = options.batchLeaves ?? 4096;
    this.maxBacklog = options.maxBacklog ?? 64;
    if (!Number.isInteger(Math.log2(this.batchLeaves))) throw new RangeError(`batchLeaves must be a power of two, not ${this.batchLeaves}`);
    this.worker = new Worker(options.workerSource ?? `(${subtreeWorker.toString()})()`, { eval: true });
    running += 1;
    this.worker.on('message', (levels: string[]) => this.receive(levels));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.once('exit', (code) => {
      running -= 1;
      if (!this.closed) this.fail(new Error(`the tree worker stopped before the verification ended (exit code ${code})`));
    });
  }

  get size(): number {
    return this.leaves;
  }

  /** Hashes the leaf whose RFC 9162 input is `prefixedLeaf` here; its subtree's nodes are hashed by the worker. */
  appendPrefixedLeaf(prefixedLeaf: Uint8Array): void {
    this.batch.push(digest('sha256', prefixedLeaf, 'binary'));
    this.leaves += 1;
    if (this.batch.length === this.batchLeaves) {
      const leaves = this.batch.join('');
      this.batch = [];
      this.sent.push(leaves);
      // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker, not a window
      this.worker.postMessage(leaves);
    }
  }

  /** Undefined while the worker keeps up; else a promise that settles once it has caught up halfway (or failed). */
  backlog(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.sent.length <= this.maxBacklog) return undefined;
    return this.answered(Math.floor(this.maxBacklog / 2));
  }

  /** The root of the first `size` leaves. The first call waits for the worker's last answer and ends it. */
  async rootAt(size: number): Promise<Hash> {
    if (!this.complete) {
      if (this.closed) throw new Error('the tree worker was closed before every subtree was answered');
      await this.answered(0);
      await this.close();
      for (const leaf of this.batch) this.prefixes.appendLeafDigest(leaf);
      this.batch = [];
      this.complete = true;
    }
    return this.prefixes.rootAt(size);
  }

  /** Ends the worker (idempotent); resolves once it has exited. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }

  /** Settles once at most `until` batches are left unanswered. */
  private answered(until: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.sent.length <= until) return Promise.resolve();
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject, until }));
  }

  private receive(levels: string[]): void {
    const leaves = this.sent.shift();
    if (leaves === undefined) return this.fail(new Error('the tree worker answered a batch it was not sent'));
    try {
      this.prefixes.appendSubtree([leaves, ...levels]);
    } catch (error) {
      return this.fail(error as Error);
    }
    if (this.waiting && this.sent.length <= this.waiting.until) {
      this.waiting.resolve();
      this.waiting = undefined;
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiting?.reject(this.failure);
    this.waiting = undefined;
  }
}
