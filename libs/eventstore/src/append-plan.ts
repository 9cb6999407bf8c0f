import type { NewEvent } from '@ledger/events';
import {
  type AppendResult,
  type ExpectedVersion,
  PartialDuplicateAppendError,
  WrongExpectedVersionError,
  expectedVersionHolds,
} from './port.ts';

/** One caller's append, as it waits in a group commit. */
export interface PendingAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedVersion;
}

/** An event of the batch that the store already holds. */
export interface StoredEventFact {
  eventId: string;
  streamId: string;
  streamVersion: number;
  position: number;
}

/** What the store holds for a batch, read in one go before anything is decided. */
export interface BatchFacts {
  /** Version of the last event of each stream named in the batch; absent or -1 when the stream does not exist. */
  versions: ReadonlyMap<string, number>;
  /** Every event id of the batch that is already stored, by `eventIdKey`. */
  stored: ReadonlyMap<string, StoredEventFact>;
}

/**
 * What becomes of one append of the batch:
 * - `insert`: written in this batch; its events take versions from `firstVersion` on;
 * - `stored`: every id was stored before the batch: answered as the first time, nothing written;
 * - `same-as`: every id belongs to an earlier append of this same batch: answered with that append's result;
 * - `refused`: the caller gets the error, the rest of the batch goes on.
 */
export type AppendPlan =
  | { kind: 'insert'; firstVersion: number }
  | { kind: 'stored'; result: AppendResult }
  | { kind: 'same-as'; appendIndex: number }
  | { kind: 'refused'; error: Error };

/** The 32 hex digits of a UUID: the same event id whether written in upper case, with braces or as PostgreSQL prints it. */
export const eventIdKey = (eventId: string): string => eventId.toLowerCase().replace(/[^0-9a-f]/g, '');

/** An event id given twice within one append: the store could never hold both, so the append is refused alone. */
export class DuplicateEventIdError extends Error {
  constructor(streamId: string, eventId: string) {
    super(`stream ${streamId}: event id ${eventId} appears twice in one append`);
    this.name = 'DuplicateEventIdError';
  }
}

/**
 * Decides every append of a batch in arrival order, exactly as if each ran alone in its own transaction, one after
 * the other: idempotency first (ids stored before, or by an earlier append of the batch), then the expected version
 * against the stream as the earlier appends of the batch leave it. Pure, so that the rules are tested without a
 * database; the store reads `facts` with set-based statements and writes every `insert` in one statement.
 */
export function planBatch(appends: readonly PendingAppend[], facts: BatchFacts): AppendPlan[] {
  const versions = new Map(facts.versions);
  /** Ids written by earlier appends of this batch: which append, and in which stream. */
  const written = new Map<string, { appendIndex: number; streamId: string }>();

  return appends.map((append, appendIndex): AppendPlan => {
    const { streamId, events, expected } = append;
    const ids = events.map((event) => eventIdKey(event.eventId));
    const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
    if (repeated) return { kind: 'refused', error: new DuplicateEventIdError(streamId, events[ids.indexOf(repeated)]!.eventId) };

    const before = ids.map((id) => facts.stored.get(id)).filter((fact) => fact !== undefined);
    const inBatch = ids.map((id) => written.get(id)).filter((earlier) => earlier !== undefined);
    if (before.length === ids.length && before.every((fact) => fact.streamId === streamId)) {
      const ordered = before.toSorted((a, b) => a.position - b.position);
      const result = { streamId, nextExpectedVersion: ordered.at(-1)!.streamVersion, positions: ordered.map((fact) => fact.position), alreadyStored: true };
      return { kind: 'stored', result };
    }
    if (inBatch.length === ids.length) {
      const earlier = inBatch[0]!.appendIndex;
      const sameAppend = inBatch.every((entry) => entry.appendIndex === earlier && entry.streamId === streamId);
      if (sameAppend && appends[earlier]!.events.length === ids.length) return { kind: 'same-as', appendIndex: earlier };
    }
    if (before.length + inBatch.length > 0) {
      const duplicates = events.filter((_, index) => facts.stored.has(ids[index]!) || written.has(ids[index]!)).map((event) => event.eventId);
      return { kind: 'refused', error: new PartialDuplicateAppendError(streamId, duplicates) };
    }

    const actual = versions.get(streamId) ?? -1;
    if (!expectedVersionHolds(expected, actual)) return { kind: 'refused', error: new WrongExpectedVersionError(streamId, expected, actual) };
    versions.set(streamId, actual + events.length);
    for (const id of ids) written.set(id, { appendIndex, streamId });
    return { kind: 'insert', firstVersion: actual + 1 };
  });
}
