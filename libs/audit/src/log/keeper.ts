import type { EventStore } from '@ledger/eventstore';
import { verifyConsistency } from '../merkle/verify.ts';
import { openCheckpoint } from '../note/checkpoint.ts';
import { type NoteSigner, type NoteVerifier, parseVerifierKey } from '../note/keys.ts';
import { catchUpWithStore } from './catch-up.ts';
import type { SqlMerkleLog, StoredCheckpoint } from './sql-merkle-log.ts';

export interface MerkleLogKeeperOptions {
  log: SqlMerkleLog;
  /** Followed in its own global order (not through the bus, whose delivery order is per consumer). */
  store: Pick<EventStore, 'readAll'>;
  signer: NoteSigner;
  /** The checkpoint origin line: the log's name. */
  origin: string;
  /** The instant a checkpoint is issued, ISO 8601. */
  now: () => string;
  logger: { info(object: object, message: string): void; error(object: object, message: string): void };
  /** Told of every refusal to sign (the host counts them at /metrics). */
  onRefusal?(problem: string): void;
}

/** The tree the keeper would sign does not extend the latest signed checkpoint: the history was rewritten. */
export class CheckpointChainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointChainError';
  }
}

export interface KeeperSchedule {
  /** How often to look for newly recorded events. */
  followIntervalMs: number;
  /** How often to sign a checkpoint when the log grew; 0 signs only on demand. */
  checkpointIntervalMs: number;
}

/**
 * Keeps the Merkle log level with the event store and signs its checkpoints: in the background on
 * a schedule, and on demand. Work is serialised within the process; across processes the log's
 * own appends are idempotent, so two keepers of one database never disagree.
 */
export class MerkleLogKeeper {
  private readonly options: MerkleLogKeeperOptions;
  private queue: Promise<unknown> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  private readonly verifier: NoteVerifier;
  /** Why the last attempt to sign was refused, until a checkpoint is signed again: the host is not ready meanwhile. */
  chainProblem: string | undefined;

  constructor(options: MerkleLogKeeperOptions) {
    this.options = options;
    this.verifier = parseVerifierKey(options.signer.verifierKey);
  }

  get verifierKey(): string {
    return this.options.signer.verifierKey;
  }

  /** Appends every event recorded so far; resolves with the log size. */
  catchUp(): Promise<number> {
    return this.serialised(() => catchUpWithStore(this.options.log, this.options.store));
  }

  /**
   * Catches up, then signs a checkpoint of the log unless the latest one already has its size and
   * this key and origin (a checkpoint holds no time: another like it would say nothing new). The first
   * checkpoint is signed even for an empty log, so that there is always one to serve.
   */
  checkpoint(): Promise<{ checkpoint: StoredCheckpoint; issued: boolean }> {
    return this.serialised(async () => {
      const { log } = this.options;
      const size = await catchUpWithStore(log, this.options.store);
      const latest = await log.latestCheckpoint();
      // SPEC 7: a checkpoint never contradicts an earlier one. Before signing, prove that the tree as it stands
      // extends the latest signed checkpoint; a log rebuilt over a rewritten history does not, and is not signed.
      if (latest) {
        const problem = await this.inconsistencyWith(latest, size);
        if (problem) {
          this.chainProblem = problem;
          this.options.onRefusal?.(problem);
          this.options.logger.error({ checkpointId: latest.id, signedSize: latest.size, size, problem }, 'checkpoint refused: the log does not extend the latest signed checkpoint');
          throw new CheckpointChainError(`checkpoint refused: ${problem}`);
        }
      }
      this.chainProblem = undefined;
      if (latest && latest.size >= size && this.signedByUs(latest)) return { checkpoint: latest, issued: false };
      const checkpoint = await log.issueCheckpoint(this.options.signer, { origin: this.options.origin, issuedAt: this.options.now() });
      this.options.logger.info({ size: checkpoint.size, checkpointId: checkpoint.id }, 'checkpoint signed');
      return { checkpoint, issued: true };
    });
  }

  start(schedule: KeeperSchedule): void {
    const every = (intervalMs: number, work: () => Promise<unknown>, what: string) => {
      // A tick that finds the previous run still going (a long first catch-up) lets it finish.
      let running: Promise<unknown> | undefined;
      const run = () => {
        running ??= work()
          .catch((error: unknown) => {
            if (!this.stopped) this.options.logger.error({ err: error }, `${what} failed; trying again in ${intervalMs} ms`);
          })
          .finally(() => (running = undefined));
      };
      run();
      const timer = setInterval(run, intervalMs);
      timer.unref();
      this.timers.push(timer);
    };
    every(schedule.followIntervalMs, () => this.catchUp(), 'following the event store');
    if (schedule.checkpointIntervalMs > 0) every(schedule.checkpointIntervalMs, () => this.checkpoint(), 'signing a checkpoint');
  }

  /** Stops the schedule and waits for work in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.queue.catch(() => {});
  }

  /** Why the log of `size` leaves is not an extension of `latest`, or undefined when a consistency proof shows it is. */
  private async inconsistencyWith(latest: StoredCheckpoint, size: number): Promise<string | undefined> {
    const { log } = this.options;
    if (size < latest.size) return `the log has ${size} leaves, fewer than the ${latest.size} of checkpoint ${latest.id}`;
    if (latest.size === 0) return undefined;
    const root = await log.root(size);
    const proof = size === latest.size ? [] : (await log.consistencyProof(latest.size, size)).hashes;
    const verdict = verifyConsistency(latest.size, size, latest.root, root, proof);
    return verdict.ok ? undefined : `the tree of ${size} leaves is not consistent with checkpoint ${latest.id} of ${latest.size} leaves (${verdict.reason})`;
  }

  /** After a change of key or origin, the latest checkpoint must be signed again for verifiers of the new key. */
  private signedByUs(checkpoint: StoredCheckpoint): boolean {
    try {
      openCheckpoint(checkpoint.note, this.verifier, { origin: this.options.origin });
      return true;
    } catch {
      return false;
    }
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => {});
    return next;
  }
}
