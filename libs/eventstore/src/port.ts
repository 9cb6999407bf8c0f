import type { NewEvent, RecordedEvent } from '@ledger/events';

/**
 * What the writer expects the stream to be at before its append:
 * `any` (no check), `no-stream` (must not exist yet), or the exact 0-based version of its last event.
 */
export type ExpectedVersion = 'any' | 'no-stream' | number;

export interface AppendResult {
  streamId: string;
  /** Version of the stream's last event after the append: pass it as the next expected version. */
  nextExpectedVersion: number;
  /** Global positions of the appended events, in order. */
  positions: number[];
  /** True when every event id was already stored: the append was a no-op that answers as the first did. */
  alreadyStored: boolean;
  /**
   * When the events were written now (not alreadyStored) and the store tells it: the `recordedAt` they all got (one
   * instant an append). With it the writer knows its recorded events without reading the stream again.
   */
  recordedAt?: string;
}

export interface ReadStreamOptions {
  /** Only events recorded at or before this instant (as-of reads). */
  recordedUpTo?: string;
}

export interface ReadAllOptions {
  /** Exclusive: events with a position greater than this (0 reads from the first event). */
  after: number;
  limit: number;
  recordedUpTo?: string;
}

export type EventHandler = (event: RecordedEvent) => Promise<void>;

export interface Subscription {
  /** Resolves once the subscription has stopped; a handler failure stops it and rejects this. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  /** Exclusive start position: the handler first sees the event after it. */
  after: number;
  batchSize?: number;
  /**
   * Called each time the subscription has delivered everything recorded so far, with the last position
   * it read (delivered or not), before it waits for more. Lets a follower persist progress over events it
   * passes without handling.
   */
  onCaughtUp?: (position: number) => Promise<void>;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The version of the stream's last event (-1: no stream), as readStream would end, without reading its events. */
  streamVersion(streamId: string): Promise<number>;
  /** The global order: ascending positions; a reader never sees a position appear behind one it read. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last recorded event, 0 when the store is empty. */
  headPosition(): Promise<number>;
  /** Delivers every event after `options.after` in global order, then follows new ones as they are recorded. */
  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription;
  close(): Promise<void>;
  /**
   * Only on a store this process alone writes to (embedded PGlite: one process per data folder, SPEC 8): calls
   * `listener` with the streams of every committed append before that append answers its caller. A cache of a stream's
   * state that drops what the listener names stays exact without asking the store on each use. Answers the unwatch.
   */
  watchAppends?(listener: AppendListener): () => void;
  /**
   * The streams whose ids start with one of `streamPrefixes` that got events after position `after`, and the head
   * position this was read up to, from one snapshot. Positions appear in order (as for readAll), so a caller that
   * passes the head it was last given hears of every change once, whichever process made it (streamChangeProbe).
   */
  streamChanges?(after: number, streamPrefixes: readonly string[]): Promise<{ head: number; streamIds: string[] }>;
}

/** Told the streams a committed append wrote to (see EventStore.watchAppends). */
export type AppendListener = (streamIds: readonly string[]) => void;

export class WrongExpectedVersionError extends Error {
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  /** -1 when the stream does not exist. */
  readonly actual: number;
  constructor(streamId: string, expected: ExpectedVersion, actual: number) {
    super(`stream ${streamId}: expected version ${String(expected)}, found ${actual === -1 ? 'no stream' : actual}`);
    this.name = 'WrongExpectedVersionError';
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

/** Some, but not all, of an append's event ids are already stored: a caller bug, never silently merged. */
export class PartialDuplicateAppendError extends Error {
  constructor(streamId: string, duplicateEventIds: readonly string[]) {
    super(`stream ${streamId}: events ${duplicateEventIds.join(', ')} are already stored, but not the rest of the batch`);
    this.name = 'PartialDuplicateAppendError';
  }
}

export function expectedVersionHolds(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === -1;
  return expected === actual;
}
