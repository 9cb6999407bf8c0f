import { type RecordedEvent, toCloudEvent } from '@ledger/events';
import { cloudEventLeafHash } from '../leaf/encoding.ts';
import { consistencyProof, rootOf } from '../merkle/tree.ts';
import { signCheckpoint } from '../note/checkpoint.ts';
import { generateNoteKey, parseSignerKey } from '../note/keys.ts';
import type { ConsistencyProofSource } from './verify-ledger.ts';

// A small ledger for the auditor's check: its feed, an honest signer and prover, and the ways to tamper with it.

export const origin = 'ledger.test/log';
export const keys = generateNoteKey(origin);
const signer = parseSignerKey(keys.signerKey);

export function recorded(position: number): RecordedEvent {
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
export function feedOf(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => JSON.parse(JSON.stringify(toCloudEvent(recorded(i + 1)))));
}

/** The honest ledger: signs the original feed and proves consistency from its own leaf hashes. */
export function ledgerFor(feed: readonly unknown[]) {
  const leaves = feed.map(cloudEventLeafHash);
  const calls: [number, number][] = [];
  const proofs: ConsistencyProofSource = (from, to) => {
    calls.push([from, to]);
    return consistencyProof(leaves, from, to);
  };
  const checkpointAt = (size: number) => signCheckpoint({ origin, size, root: rootOf(leaves.slice(0, size)) }, signer);
  return { proofs, calls, checkpointAt, checkpoint: checkpointAt(leaves.length) };
}

export type Tamper = 'alter' | 'delete' | 'insert' | 'swap';

export function tampered(feed: readonly unknown[], kind: Tamper, at: number, other = at + 1): unknown[] {
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

