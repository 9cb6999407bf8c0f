import { hash as digest } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Hash } from '../merkle/hash.ts';

/** To the worker: leaf digests (latin1, 32 characters each), or the request for a prefix's root. */
export type TreeRequest = string | { rootAt: number };
/** From the worker: leaves appended so far (after each batch), or a root asked for. */
export type TreeReply = { appended: number } | { root: Hash };

export interface TreeWorkerOptions {
  /** Digests sent a message (default 4,096: 128 KiB, so the messages cost next to nothing beside the hashing). */
  batchLeaves?: number;
  /** Batches the worker may lag behind before the reading waits for it (default 64: 8 MiB of digests). */
  maxBacklog?: number;
  /** The worker's module (default prefix-roots-worker.ts). */
  workerUrl?: URL;
}

let running = 0;

/** Tree workers started and not yet exited, in this thread (a verification ends its own before it answers). */
export const treeWorkersRunning = (): number => running;

/**
 * `PrefixRoots` split across two threads (issue 9): this thread hashes each leaf, the call that costs most, and hands
 * the digests in batches to a worker thread that builds the tree (a node hash a leaf on average, each a call into node
 * of about half a leaf's hash). So the node hashes run beside the leaf hashes instead of after each of them: the
 * verification goes about as fast as its leaf hashes alone where a second core is free, for the CPU time it took before
 * plus the worker's start (tens of milliseconds; `verifyLedger` starts one only for big feeds).
 *
 * The worker's errors (and its exit) reject what waits on it: `backlog`, `rootAt`. `close` must be called whatever
 * happens: it ends the worker.
 */
export class PrefixRootsOnWorker {
  private readonly worker: Worker;
  private readonly batchLeaves: number;
  private readonly maxBacklog: number;
  private batch: string[] = [];
  private sentBatches = 0;
  private appendedBatches = 0;
  private leaves = 0;
  private failure: Error | undefined;
  private closed = false;
  /** Root requests in the order they were sent: the worker answers them in that order. */
  private readonly roots: Array<{ resolve: (root: Hash) => void; reject: (error: Error) => void }> = [];
  private caughtUp: { resolve: () => void; reject: (error: Error) => void } | undefined;

  constructor(options: TreeWorkerOptions = {}) {
    this.batchLeaves = options.batchLeaves ?? 4096;
    this.maxBacklog = options.maxBacklog ?? 64;
    this.worker = new Worker(options.workerUrl ?? new URL('./prefix-roots-worker.ts', import.meta.url));
    running += 1;
    this.worker.on('message', (reply: TreeReply) => this.receive(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.once('exit', (code) => {
      running -= 1;
      if (!this.closed) this.fail(new Error(`the tree worker stopped before the verification ended (exit code ${code})`));
    });
  }

  get size(): number {
    return this.leaves;
  }

  /** Hashes the leaf whose RFC 9162 input is `prefixedLeaf` here; the worker appends its digest to the tree. */
  appendPrefixedLeaf(prefixedLeaf: Uint8Array): void {
    this.batch.push(digest('sha256', prefixedLeaf, 'binary'));
    this.leaves += 1;
    if (this.batch.length === this.batchLeaves) this.send();
  }

  /** Undefined while the worker keeps up; else a promise that settles once it has caught up (or failed). */
  backlog(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.sentBatches - this.appendedBatches <= this.maxBacklog) return undefined;
    return new Promise((resolve, reject) => (this.caughtUp = { resolve, reject }));
  }

  /** The root of the first `size` leaves, once the worker has appended every leaf given so far. */
  rootAt(size: number): Promise<Hash> {
    if (this.failure) return Promise.reject(this.failure);
    this.send();
    return new Promise((resolve, reject) => {
      this.roots.push({ resolve, reject });
      this.worker.postMessage({ rootAt: size } satisfies TreeRequest);
    });
  }

  /** Ends the worker (idempotent); resolves once it has exited. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }

  private send(): void {
    if (this.batch.length === 0) return;
    this.worker.postMessage(this.batch.join('') satisfies TreeRequest);
    this.batch = [];
    this.sentBatches += 1;
  }

  private receive(reply: TreeReply): void {
    if ('root' in reply) {
      this.roots.shift()?.resolve(reply.root);
      return;
    }
    this.appendedBatches += 1;
    if (this.caughtUp && this.sentBatches - this.appendedBatches <= this.maxBacklog / 2) {
      this.caughtUp.resolve();
      this.caughtUp = undefined;
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.roots.splice(0)) waiting.reject(this.failure);
    this.caughtUp?.reject(this.failure);
    this.caughtUp = undefined;
  }
}
