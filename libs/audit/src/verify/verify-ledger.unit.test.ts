import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloudEventLeafHash } from '../leaf/encoding.ts';
import { leafHash } from '../merkle/hash.ts';
import { rootAt, rootOf } from '../merkle/tree.ts';
import { generateNoteKey } from '../note/keys.ts';
import { type Tamper, feedOf, keys, ledgerFor, origin, tampered } from './ledger-fixture.testkit.ts';
import { PrefixRoots } from './prefix-roots.ts';
import { treeWorkersRunning } from './prefix-roots-on-worker.ts';
import { treeWorkerFromLeaves, verifyLedger } from './verify-ledger.ts';

describe('verifyLedger', () => {
  const feed = feedOf(37);
  const ledger = ledgerFor(feed);
  const verify = (events: Iterable<unknown> | AsyncIterable<unknown>, extra: Partial<Parameters<typeof verifyLedger>[0]> = {}) =>
    verifyLedger({ feed: events, checkpoint: ledger.checkpoint, verifierKey: keys.verifierKey, consistencyProof: ledger.proofs, ...extra });

  it('accepts the untouched feed without asking the ledger for anything', async () => {
    ledger.calls.length = 0;
    const result = await verify(feed, { origin });
    expect(result).toEqual({
      ok: true,
      size: 37,
      root: Buffer.from(rootOf(feed.map(cloudEventLeafHash))).toString('base64'),
      eventsBeyondCheckpoint: 0,
    });
    expect(ledger.calls).toEqual([]);
  });

  it('hashes what the feed means, not how its JSON was laid out', async () => {
    const reordered = feed.map((event) => Object.fromEntries(Object.entries(event as object).toReversed()));
    expect((await verify(reordered)).ok).toBe(true);
  });

  it('reads the feed as an async stream too', async () => {
    const stream = (async function* () {
      yield* feed;
    })();
    expect((await verify(stream)).ok).toBe(true);
  });

  it.each([
    ['alter', 0],
    ['alter', 17],
    ['alter', 36],
    ['delete', 0],
    ['delete', 20],
    ['insert', 0],
    ['insert', 31],
    ['insert', 36],
    ['swap', 0],
    ['swap', 15],
    ['swap', 35],
  ] as const)('names the first bad index when an event is %s-ed at %i', async (kind, at) => {
    ledger.calls.length = 0;
    const result = await verify(tampered(feed, kind, at));
    expect(result).toMatchObject({ ok: false, reason: 'feed-mismatch', firstBadIndex: at });
    // A binary search: about log2(37) proofs, not one per event.
    expect(ledger.calls.length).toBeLessThanOrEqual(7);
    expect(ledger.calls.every(([, to]) => to === 37)).toBe(true);
  });

  it('names the earlier index of two swapped events far apart', async () => {
    expect(await verify(tampered(feed, 'swap', 4, 29))).toMatchObject({ ok: false, reason: 'feed-mismatch', firstBadIndex: 4 });
  });

  it('reports missing events at the end of the feed', async () => {
    expect(await verify(feed.slice(0, 30))).toMatchObject({ ok: false, reason: 'feed-too-short', firstBadIndex: 30 });
    expect(await verify(tampered(feed, 'delete', 36))).toMatchObject({ ok: false, reason: 'feed-too-short', firstBadIndex: 36 });
    expect(await verify([])).toMatchObject({ ok: false, reason: 'feed-too-short', firstBadIndex: 0 });
  });

  it('checks the signed prefix and counts events the checkpoint does not cover yet', async () => {
    const longer = [...feed, ...feedOf(40).slice(37)];
    expect(await verify(longer)).toMatchObject({ ok: true, size: 37, eventsBeyondCheckpoint: 3 });
  });

  it('names an item that is not an event at all', async () => {
    const broken = [...feed.slice(0, 5), 'not an event', ...feed.slice(6)];
    expect(await verify(broken)).toMatchObject({ ok: false, reason: 'malformed-event', firstBadIndex: 5 });
  });

  it('refuses a checkpoint signed by another key, or altered after signing', async () => {
    const other = generateNoteKey(origin);
    expect(await verify(feed, { verifierKey: other.verifierKey })).toMatchObject({ ok: false, reason: 'unknown-key' });
    const altered = ledger.checkpoint.replace('\n37\n', '\n36\n');
    expect(await verify(feed, { checkpoint: altered })).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(await verify(feed, { verifierKey: 'not a key' })).toMatchObject({ ok: false, reason: 'malformed-verifier-key' });
    expect(await verify(feed, { checkpoint: 'garbage\n' })).toMatchObject({ ok: false, reason: 'malformed-checkpoint' });
    expect(await verify(feed, { origin: 'elsewhere.test/log' })).toMatchObject({ ok: false, reason: 'origin-mismatch' });
  });

  it('accepts a checkpoint that extends one the auditor kept', async () => {
    expect(await verify(feed, { previousCheckpoint: ledger.checkpointAt(20) })).toMatchObject({ ok: true, size: 37 });
    expect(await verify(feed, { previousCheckpoint: ledger.checkpoint })).toMatchObject({ ok: true, size: 37 });
  });

  it('detects a rewritten history between two checkpoints, even when the feed matches the newest', async () => {
    const rewritten = tampered(feed, 'alter', 10);
    const forked = ledgerFor(rewritten);
    const result = await verifyLedger({
      feed: rewritten,
      checkpoint: forked.checkpoint,
      previousCheckpoint: ledger.checkpointAt(20),
      verifierKey: keys.verifierKey,
      consistencyProof: forked.proofs,
    });
    expect(result).toMatchObject({ ok: false, reason: 'inconsistent-checkpoints' });
  });

  it('detects a log that shrank', async () => {
    const result = await verifyLedger({
      feed: feed.slice(0, 20),
      checkpoint: ledger.checkpointAt(20),
      previousCheckpoint: ledger.checkpoint,
      verifierKey: keys.verifierKey,
      consistencyProof: ledger.proofs,
    });
    expect(result).toMatchObject({ ok: false, reason: 'checkpoint-rollback' });
  });

  it('says so when the ledger does not answer a proof request', async () => {
    const result = await verify(tampered(feed, 'alter', 3), {
      consistencyProof: () => {
        throw new Error('503 Service Unavailable');
      },
    });
    expect(result).toMatchObject({ ok: false, reason: 'proof-unavailable' });
    expect(result.ok === false && result.detail).toMatch(/503/);
  });

  it('finds the first bad index for any tampering of any feed', async () => {
    const scenario = fc.record({
      size: fc.integer({ min: 2, max: 90 }),
      kind: fc.constantFrom<Tamper>('alter', 'delete', 'insert', 'swap'),
      at: fc.nat(),
      distance: fc.integer({ min: 1, max: 50 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ size, kind, at, distance }) => {
        const original = feedOf(size);
        const honest = ledgerFor(original);
        const index = at % (size - 1);
        const other = Math.min(size - 1, index + distance);
        const result = await verifyLedger({
          feed: tampered(original, kind, index, other),
          checkpoint: honest.checkpoint,
          verifierKey: keys.verifierKey,
          consistencyProof: honest.proofs,
        });
        expect(result).toMatchObject({ ok: false, firstBadIndex: index });
      }),
      { numRuns: 60 },
    );
  });
});

describe('prefix roots', () => {
  it('answers the root of every prefix, as the tree computes it, asked in any order', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${i}`)));
    const prefixes = new PrefixRoots();
    for (const leaf of leaves) prefixes.append(leaf);
    for (const size of [70, 0, 1, 64, 63, 65, 2, 3, 33, 69, 17]) expect(prefixes.rootAt(size)).toEqual(rootAt(leaves, size));
    expect(() => prefixes.rootAt(71)).toThrow(RangeError);
  });

  it('answers the same roots past the digests it packs into buffers (2,048 a level at a time), leaves hashed here or given', () => {
    const entries = Array.from({ length: 5000 }, (_, i) => new TextEncoder().encode(`{"leaf":${i}}`));
    const leaves = entries.map((entry) => leafHash(entry));
    const prefixes = new PrefixRoots();
    entries.forEach((entry, i) => (i % 3 === 0 ? prefixes.append(leaves[i]!) : prefixes.appendPrefixedLeaf(Uint8Array.of(0, ...entry))));
    for (const size of [5000, 2047, 2048, 2049, 4096, 4097, 4999, 1, 3001]) expect(prefixes.rootAt(size)).toEqual(rootAt(leaves, size));
  });
});

describe('verifyLedger with the tree on a worker thread', () => {
  const feed = feedOf(37);
  const ledger = ledgerFor(feed);
  // Batches of 4 leaves: the worker hashes the nodes of 9 subtrees of the 37 leaves, the last leaf is hashed here.
  const verify = (events: Iterable<unknown> | AsyncIterable<unknown>, fromLeaves: number) =>
    verifyLedger({ feed: events, checkpoint: ledger.checkpoint, verifierKey: keys.verifierKey, consistencyProof: ledger.proofs, treeWorker: { fromLeaves, batchLeaves: 4 } });

  it.each([
    ['untouched', feed],
    ['altered at 17', tampered(feed, 'alter', 17)],
    ['swapped at 0', tampered(feed, 'swap', 0)],
    ['cut short at 30', feed.slice(0, 30)],
    ['longer than the checkpoint', [...feed, ...feedOf(40).slice(37)]],
    ['not an event at 5', [...feed.slice(0, 5), 'not an event', ...feed.slice(6)]],
  ])('gives the one-thread verdict for a feed %s, and leaves no worker running', async (_, events) => {
    const alone = await verify(events, Number.POSITIVE_INFINITY);
    expect(await verify(events, 0)).toEqual(alone);
    expect(treeWorkersRunning()).toBe(0);
  });

  it('ends its worker when the feed fails while it is read', async () => {
    const failing = (async function* () {
      yield* feed.slice(0, 10);
      throw new Error('connection reset');
    })();
    await expect(verify(failing, 0)).rejects.toThrow('connection reset');
    expect(treeWorkersRunning()).toBe(0);
  });

  it('starts a worker only from the threshold', async () => {
    expect(treeWorkerFromLeaves).toBeGreaterThan(37);
    const started: number[] = [];
    const counting = (async function* () {
      for (const event of feed) {
        started.push(treeWorkersRunning());
        yield event;
      }
    })();
    expect(await verify(counting, treeWorkerFromLeaves)).toMatchObject({ ok: true });
    expect(Math.max(...started)).toBe(0);
  });
});
