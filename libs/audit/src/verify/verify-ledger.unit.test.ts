import * as fc from 'fast-check';
import { type RecordedEvent, toCloudEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import { cloudEventLeafHash } from '../leaf/encoding.ts';
import { consistencyProof } from '../merkle/tree.ts';
import { leafHash } from '../merkle/hash.ts';
import { rootAt, rootOf } from '../merkle/tree.ts';
import { signCheckpoint } from '../note/checkpoint.ts';
import { generateNoteKey, parseSignerKey } from '../note/keys.ts';
import { PrefixRoots } from './prefix-roots.ts';
import { type ConsistencyProofSource, verifyLedger } from './verify-ledger.ts';

const origin = 'ledger.test/log';
const keys = generateNoteKey(origin);
const signer = parseSignerKey(keys.signerKey);

function recorded(position: number): RecordedEvent {
  const at = new Date(Date.UTC(2026, 0, 1, 8, 0, position)).toISOString();
  return {
    position,
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    streamId: `department-d${position % 5}`,
    streamVersion: Math.floor(position / 5),
    type: 'DepartmentRegistered',
    schemaVersion: 1,
    data: { departmentId: `d${position % 5}`, name: `Department ${position}`, category: 'service-facing', at },
    metadata: { commandId: `cmd-${position}`, actor: 'evaluation-office:e1' },
    occurredAt: at,
    recordedAt: at,
  };
}

/** The feed as an auditor receives it: CloudEvents JSON, parsed from the wire. */
function feedOf(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => JSON.parse(JSON.stringify(toCloudEvent(recorded(i + 1)))));
}

/** The honest ledger: signs the original feed and proves consistency from its own leaf hashes. */
function ledgerFor(feed: readonly unknown[]) {
  const leaves = feed.map(cloudEventLeafHash);
  const calls: [number, number][] = [];
  const proofs: ConsistencyProofSource = (from, to) => {
    calls.push([from, to]);
    return consistencyProof(leaves, from, to);
  };
  const checkpointAt = (size: number) => signCheckpoint({ origin, size, root: rootOf(leaves.slice(0, size)) }, signer);
  return { proofs, calls, checkpointAt, checkpoint: checkpointAt(leaves.length) };
}

type Tamper = 'alter' | 'delete' | 'insert' | 'swap';

function tampered(feed: readonly unknown[], kind: Tamper, at: number, other = at + 1): unknown[] {
  const copy = feed.map((event) => structuredClone(event)) as Record<string, unknown>[];
  switch (kind) {
    case 'alter':
      (copy[at]!.data as Record<string, unknown>).name = 'Forged department';
      return copy;
    case 'delete':
      copy.splice(at, 1);
      return copy;
    case 'insert':
      copy.splice(at, 0, JSON.parse(JSON.stringify(toCloudEvent(recorded(1000)))));
      return copy;
    case 'swap':
      [copy[at], copy[other]] = [copy[other]!, copy[at]!];
      return copy;
  }
}

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
});
