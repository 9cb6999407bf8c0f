import { toBase64 } from '../encoding/base64.ts';
import { type Hash, hashesEqual } from '../merkle/hash.ts';
import { verifyConsistency } from '../merkle/verify.ts';
import { type Checkpoint, openCheckpoint } from '../note/checkpoint.ts';
import { NoteError } from '../note/errors.ts';
import { type NoteVerifier, parseVerifierKey } from '../note/keys.ts';
import { type FeedReading, readEventFeed, readLeafLines } from './feed-leaves.ts';
import { availableParallelism, loadavg } from 'node:os';
import { PrefixRoots } from './prefix-roots.ts';
import { PrefixRootsOnWorker, type TreeWorkerOptions } from './prefix-roots-on-worker.ts';

/** Asks the ledger for a consistency proof between its trees of `from` and `to` leaves. */
export type ConsistencyProofSource = (from: number, to: number) => Promise<readonly Hash[]> | readonly Hash[];

export interface LedgerVerificationInput {
  /** The ledger feed from its first event: CloudEvents JSON objects, in order (the JSON feed). Or `leafLines`. */
  feed?: Iterable<unknown> | AsyncIterable<unknown>;
  /**
   * The text feed from its first event (GET /v1/ledger/events as application/x-ndjson): canonical leaf lines, each
   * ended by a newline, in chunks cut anywhere. Hashed as they are, never parsed; given, `feed` is not read.
   */
  leafLines?: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
  /** The signed checkpoint to check the feed against (GET /v1/ledger/checkpoint). */
  checkpoint: string;
  /** The log's verifier key, obtained out of band and trusted. */
  verifierKey: string;
  /** A checkpoint the auditor kept from before: the new one must extend it. */
  previousCheckpoint?: string;
  /** When given, checkpoints of any other origin are refused. */
  origin?: string;
  /** GET /v1/ledger/proofs/consistency, decoded. Only called on a mismatch or with a previous checkpoint. */
  consistencyProof: ConsistencyProofSource;
  /**
   * The node hashes on a worker thread while this thread hashes the leaves, from `fromLeaves` leaves (the checkpoint's
   * size; default `treeWorkerFromLeaves`; 0: always, Infinity: never). Below it, on a single core, and while the load
   * leaves no core free, one thread.
   */
  treeWorker?: TreeWorkerOptions & { fromLeaves?: number };
}

/**
 * A worker thread costs tens of milliseconds of CPU to start (30–65 ms measured here), what one thread spends
 * verifying 20,000–40,000 leaves: smaller feeds stay on one thread.
 */
export const treeWorkerFromLeaves = 100_000;

/**
 * Whether a worker would get a core: more than one, and the load (1 minute) leaving one free. On a busy machine the
 * worker only adds its start and its messages to the CPU time (measured at load 9–20 on 2 cores: the same wall time
 * or worse, a fifth more CPU), so the verification stays on one thread there.
 */
function aCoreIsFree(): boolean {
  const cores = availableParallelism();
  return cores > 1 && loadavg()[0]! <= cores - 1;
}

export type LedgerVerificationFailure =
  | 'malformed-verifier-key'
  | 'malformed-checkpoint'
  | 'unknown-key'
  | 'bad-signature'
  | 'origin-mismatch'
  /** The previous checkpoint is larger than the current one: the log shrank. */
  | 'checkpoint-rollback'
  /** The two checkpoints cannot both be prefixes of one log: the log was rewritten (forked). */
  | 'inconsistent-checkpoints'
  /** A feed item cannot be encoded as a leaf at all. */
  | 'malformed-event'
  /** The feed differs from what the checkpoint commits to, first at `firstBadIndex`. */
  | 'feed-mismatch'
  /** The feed matches the checkpoint as far as it goes, but ends early: events are missing from `firstBadIndex`. */
  | 'feed-too-short'
  /** The ledger did not answer a proof request. */
  | 'proof-unavailable';

export type LedgerVerification =
  | {
      ok: true;
      /** Leaves the checkpoint commits to, all of them checked. */
      size: number;
      /** Base64 root hash, as in the checkpoint. */
      root: string;
      /** Feed events after the checkpoint's size: not yet covered by a signature, so not checked. */
      eventsBeyondCheckpoint: number;
    }
  | { ok: false; reason: LedgerVerificationFailure; detail: string; firstBadIndex?: number };

type Failure = Extract<LedgerVerification, { ok: false }>;

const fail = (reason: LedgerVerificationFailure, detail: string, firstBadIndex?: number): Failure =>
  firstBadIndex === undefined ? { ok: false, reason, detail } : { ok: false, reason, detail, firstBadIndex };

function noteFailure(error: unknown, what: string): Failure {
  if (!(error instanceof NoteError)) throw error;
  const reason: LedgerVerificationFailure =
    error.code === 'malformed-note' || error.code === 'malformed-checkpoint' ? 'malformed-checkpoint' : error.code === 'malformed-key' ? 'malformed-verifier-key' : error.code;
  return fail(reason, `${what}: ${error.message}`);
}

async function askForProof(source: ConsistencyProofSource, from: number, to: number): Promise<readonly Hash[] | Failure> {
  try {
    return await source(from, to);
  } catch (error) {
    return fail('proof-unavailable', `consistency proof ${from} to ${to}: ${(error as Error).message}`);
  }
}

const isFailure = (value: unknown): value is Failure =>
  typeof value === 'object' && value !== null && 'ok' in value && (value as Failure).ok === false;

/** The new checkpoint must extend the previous one: same origin, not smaller, provably consistent. */
async function checkExtends(previous: Checkpoint, current: Checkpoint, source: ConsistencyProofSource): Promise<Failure | undefined> {
  if (previous.origin !== current.origin) {
    return fail('origin-mismatch', `previous checkpoint is for ${previous.origin}, the current one for ${current.origin}`);
  }
  if (previous.size > current.size) {
    return fail('checkpoint-rollback', `the previous checkpoint has ${previous.size} leaves, the current one only ${current.size}`);
  }
  const proof = previous.size === current.size ? [] : await askForProof(source, previous.size, current.size);
  if (isFailure(proof)) return proof;
  const verdict = verifyConsistency(previous.size, current.size, previous.root, current.root, proof);
  if (!verdict.ok) {
    return fail('inconsistent-checkpoints', `checkpoint of size ${current.size} does not extend the one of size ${previous.size}: ${verdict.reason}`);
  }
  return undefined;
}

/**
 * The auditor's check, needing nothing of the services but the feed, the signed checkpoint, the
 * log's verifier key and consistency proofs: it recomputes every leaf from the feed, checks the
 * signature, the root, and that the checkpoint extends an earlier one the auditor kept.
 *
 * On a mismatch it names the first bad index. One pass over the feed records the root of every
 * prefix; then it binary-searches for the largest m such that the ledger proves the feed's first m
 * events consistent with the signed checkpoint (a consistency proof from m to n, checked against
 * the feed's own root at m and the signed root). The first bad index is m.
 *
 * Why that predicate is monotone: a verifying proof for m shows (unless SHA-256 collides) that the
 * feed's first m events are exactly the first m leaves the checkpoint signed. Equal sequences have
 * equal prefixes, so the same then holds for every m' < m, and the ledger, computing proofs from
 * the hashes of those same leaves, can prove m' too. Past the first differing event no proof can
 * verify. So the predicate is true up to the first difference and false after it. Alteration,
 * deletion, insertion and swapping all make the feed differ first at the earliest event touched.
 * Should the ledger's own stored hashes be damaged, it may fail to prove a good prefix: the index
 * reported is then earlier than the real difference, never later, and every event before it is
 * still proven intact.
 */
export async function verifyLedger(input: LedgerVerificationInput): Promise<LedgerVerification> {
  let verifier: NoteVerifier;
  try {
    verifier = parseVerifierKey(input.verifierKey);
  } catch (error) {
    return noteFailure(error, 'verifier key');
  }
  const expected = input.origin === undefined ? {} : { origin: input.origin };
  let checkpoint: Checkpoint;
  try {
    checkpoint = openCheckpoint(input.checkpoint, verifier, expected);
  } catch (error) {
    return noteFailure(error, 'checkpoint');
  }
  if (input.previousCheckpoint !== undefined) {
    let previous: Checkpoint;
    try {
      previous = openCheckpoint(input.previousCheckpoint, verifier, expected);
    } catch (error) {
      return noteFailure(error, 'previous checkpoint');
    }
    const problem = await checkExtends(previous, checkpoint, input.consistencyProof);
    if (problem) return problem;
  }

  const n = checkpoint.size;
  const { fromLeaves = treeWorkerFromLeaves, ...treeWorker } = input.treeWorker ?? {};
  const onWorker = fromLeaves === 0 || (n >= fromLeaves && aCoreIsFree());
  const prefixes = onWorker ? new PrefixRootsOnWorker(treeWorker) : new PrefixRoots();
  try {
    return await checkFeed(input, checkpoint, prefixes);
  } finally {
    if (prefixes instanceof PrefixRootsOnWorker) await prefixes.close();
  }
}

/** The feed against the opened checkpoint: every leaf hashed into `prefixes`, then the root, and on a mismatch the search. */
async function checkFeed(input: LedgerVerificationInput, checkpoint: Checkpoint, prefixes: PrefixRoots | PrefixRootsOnWorker): Promise<LedgerVerification> {
  const n = checkpoint.size;
  const { feed, leafLines } = input;
  let reading: FeedReading;
  if (leafLines !== undefined) reading = await readLeafLines(leafLines, n, prefixes);
  else if (feed !== undefined) reading = await readEventFeed(feed, n, prefixes);
  else throw new TypeError('verifyLedger needs the feed: `feed` (events) or `leafLines` (the text feed)');
  if ('malformedAt' in reading) return fail('malformed-event', reading.detail, reading.malformedAt);
  const feedLength = reading.length;

  const checked = Math.min(feedLength, n);
  if (checked === n && hashesEqual(await prefixes.rootAt(n), checkpoint.root)) {
    return { ok: true, size: n, root: toBase64(checkpoint.root), eventsBeyondCheckpoint: feedLength - n };
  }

  const proves = async (m: number): Promise<boolean | Failure> => {
    if (m === 0) return true;
    if (m === n) return hashesEqual(await prefixes.rootAt(m), checkpoint.root);
    const proof = await askForProof(input.consistencyProof, m, n);
    if (isFailure(proof)) return proof;
    const root = await prefixes.rootAt(m);
    return verifyConsistency(m, n, root, checkpoint.root, proof).ok;
  };

  const whole = await proves(checked);
  if (isFailure(whole)) return whole;
  if (whole) {
    return fail(
      'feed-too-short',
      `the feed has ${feedLength} events and matches the checkpoint that far, but the checkpoint commits to ${n}: events from ${feedLength} on are missing`,
      feedLength,
    );
  }
  // Invariant: the first `good` events are proven; the first `bad` are not.
  let good = 0;
  let bad = checked;
  while (bad - good > 1) {
    const middle = good + Math.floor((bad - good) / 2);
    const answer = await proves(middle);
    if (isFailure(answer)) return answer;
    if (answer) good = middle;
    else bad = middle;
  }
  return fail(
    'feed-mismatch',
    `feed event ${good} is not the event the checkpoint of size ${n} committed to (altered, inserted, removed or moved); events before it are intact`,
    good,
  );
}
