import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafText } from '../leaf/encoding.ts';
import { type Tamper, feedOf, keys, ledgerFor, tampered } from './ledger-fixture.testkit.ts';
import { treeWorkersRunning } from './prefix-roots-on-worker.ts';
import { verifyLedger } from './verify-ledger.ts';

/** The text feed of these events, as the ledger serves it: one canonical leaf a line, each ended by a newline. */
const textOf = (events: readonly unknown[]) => Buffer.from(events.map((event) => `${leafText(event)}\n`).join(''));

/** The bytes cut at the given offsets: how a network delivers them (lines split anywhere, even inside a character). */
function cut(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const edges = [...new Set([0, ...at.map((offset) => offset % (bytes.length + 1)), bytes.length])].toSorted((a, b) => a - b);
  return edges.slice(1).map((end, i) => bytes.subarray(edges[i], end));
}

describe('verifying the text feed', () => {
  const feed = feedOf(37);
  const ledger = ledgerFor(feed);
  const verify = (chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>) =>
    verifyLedger({ leafLines: chunks, checkpoint: ledger.checkpoint, verifierKey: keys.verifierKey, consistencyProof: ledger.proofs });

  it('accepts the untouched feed, whole, in small pieces and as an async stream', async () => {
    const expected = await verifyLedger({ feed, checkpoint: ledger.checkpoint, verifierKey: keys.verifierKey, consistencyProof: ledger.proofs });
    expect(expected.ok).toBe(true);
    const text = textOf(feed);
    expect(await verify([text])).toEqual(expected);
    expect(await verify(cut(text, Array.from({ length: text.length / 7 }, (_, i) => i * 7)))).toEqual(expected);
    const stream = (async function* () {
      yield* cut(text, [100, 5000, 5001]);
    })();
    expect(await verify(stream)).toEqual(expected);
  });

  it('gives the verdict of the JSON feed for any tampering, however the bytes are cut', async () => {
    const scenario = fc.record({
      kind: fc.constantFrom<Tamper>('alter', 'delete', 'insert', 'swap'),
      at: fc.integer({ min: 0, max: 35 }),
      cuts: fc.array(fc.nat(), { maxLength: 40 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ kind, at, cuts }) => {
        const events = tampered(feed, kind, at);
        const overJson = await verifyLedger({ feed: events, checkpoint: ledger.checkpoint, verifierKey: keys.verifierKey, consistencyProof: ledger.proofs });
        expect(overJson).toMatchObject({ ok: false });
        expect(await verify(cut(textOf(events), cuts))).toEqual(overJson);
      }),
      { numRuns: 60 },
    );
  });

  it('names a line altered in its bytes, and counts lines beyond the checkpoint', async () => {
    const lines = feed.map((event) => leafText(event));
    lines[12] = lines[12]!.replace('"Department 13"', '"Department 31"');
    expect(await verify([Buffer.from(lines.map((line) => `${line}\n`).join(''))])).toMatchObject({ ok: false, reason: 'feed-mismatch', firstBadIndex: 12 });
    expect(await verify([textOf(feedOf(40))])).toMatchObject({ ok: true, size: 37, eventsBeyondCheckpoint: 3 });
  });

  it('reads a line longer than its buffer, cut across chunks', async () => {
    const long = feedOf(3).map((event, i) => (i === 1 ? { ...(event as object), data: { note: 'x'.repeat(200_000) } } : event));
    const honest = ledgerFor(long);
    const result = await verifyLedger({ leafLines: cut(textOf(long), [10, 70_000, 140_000]), checkpoint: honest.checkpoint, verifierKey: keys.verifierKey, consistencyProof: honest.proofs });
    expect(result).toMatchObject({ ok: true, size: 3 });
  });

  it('refuses a line that cannot be a leaf, and a feed cut inside a line, naming the line', async () => {
    const text = textOf(feed).toString();
    const lines = text.split('\n');
    const withBlank = [...lines.slice(0, 5), '', ...lines.slice(5)].join('\n');
    expect(await verify([Buffer.from(withBlank)])).toMatchObject({ ok: false, reason: 'malformed-event', firstBadIndex: 5 });
    expect(await verify([Buffer.from(text.replaceAll('\n', '\r\n'))])).toMatchObject({ ok: false, reason: 'malformed-event', firstBadIndex: 0 });
    expect(await verify([Buffer.from(text.slice(0, -10))])).toMatchObject({ ok: false, reason: 'malformed-event', firstBadIndex: 36 });
  });

  // Batches of 8 leaves: the worker hashes the nodes of 4 subtrees of the 37 leaves, the last 5 are hashed here.
  const onWorker = (chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>) =>
    verifyLedger({ leafLines: chunks, checkpoint: ledger.checkpoint, verifierKey: keys.verifierKey, consistencyProof: ledger.proofs, treeWorker: { fromLeaves: 0, batchLeaves: 8 } });

  it('gives the same verdict with the tree on a worker thread, for any tampering, a malformed line or a failing stream', async () => {
    const scenario = fc.record({ kind: fc.constantFrom<Tamper>('alter', 'delete', 'insert', 'swap'), at: fc.integer({ min: 0, max: 35 }), cuts: fc.array(fc.nat(), { maxLength: 20 }) });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ kind, at, cuts }) => {
        const chunks = cut(textOf(tampered(feed, kind, at)), cuts);
        expect(await onWorker(chunks)).toEqual(await verify(chunks));
      }),
      { numRuns: 12 },
    );
    const text = textOf(feed);
    expect(await onWorker([text])).toEqual(await verify([text]));
    const blankAt5 = Buffer.from(text.toString().replace(/^((?:.*\n){5})/, '$1\n'));
    expect(await onWorker([blankAt5])).toMatchObject({ ok: false, reason: 'malformed-event', firstBadIndex: 5 });
    const failing = (async function* () {
      yield text.subarray(0, 3000);
      throw new Error('socket hang up');
    })();
    await expect(onWorker(failing)).rejects.toThrow('socket hang up');
    expect(treeWorkersRunning()).toBe(0);
  });
});
