import type { EventMetadata, NewEvent, RecordedEvent } from '@ledger/events';
import type { AppendResult } from '../port.ts';

/**
 * The events the store's own writer committed last, kept so that a reader of the global order (the embedded bus's
 * shared reader, the Merkle log) gets them without a query: on embedded PGlite the read after every append was a
 * statement a write (issue 9), and a statement costs there about a millisecond of CPU.
 *
 * Exact only where this writer is the ledger's one writer (`soleWriter`): batches commit one after the other, each
 * takes positions above every earlier one, so once a batch is held every event committed after `base` is held too.
 * A batch whose events are not known exactly (decided append by append, failed while committing, or carrying what
 * the database would store otherwise: see `asStored`) forgets everything, and holding starts again with the next
 * batch, above it; a read from before `base` goes to the database.
 */
export class RecentEvents {
  private readonly capacity: number;
  private events: RecordedEvent[] = [];
  /** Every event committed after this position is in `events`; undefined: not known. */
  private base: number | undefined;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /**
   * A batch that committed in one statement, with its answers (`appendCleanBatch`, in the order of `appends`): held, or,
   * when an event of it would not read back exactly as built here, everything is forgotten.
   */
  committed(appends: ReadonlyArray<{ streamId: string; events: readonly NewEvent[] }>, results: ReadonlyArray<AppendResult | undefined>): void {
    const batch: RecordedEvent[] = [];
    for (const [index, append] of appends.entries()) {
      const result = results[index];
      const recorded = result?.recordedAt === undefined || result.alreadyStored ? undefined : recordedOf(append.streamId, append.events, result, result.recordedAt);
      if (!recorded) return this.forget();
      batch.push(...recorded);
    }
    if (batch.length === 0) return;
    batch.sort((a, b) => a.position - b.position);
    if (this.base === undefined) this.base = batch[0]!.position - 1;
    this.events.push(...batch);
    const excess = this.events.length - this.capacity;
    if (excess > 0) {
      this.base = this.events[excess - 1]!.position;
      this.events = this.events.slice(excess);
    }
  }

  /** Something may have committed that is not held: read from the database until the next batch is held. */
  forget(): void {
    this.base = undefined;
    this.events = [];
  }

  /** `readAll` from memory (positions above `after`, at most `limit`), or undefined when it must ask the database. */
  read(after: number, limit: number): RecordedEvent[] | undefined {
    if (this.base === undefined || after < this.base) return undefined;
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.events[middle]!.position <= after) low = middle + 1;
      else high = middle;
    }
    return this.events.slice(low, low + limit);
  }
}

const canonicalUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The form `toISOString` writes: a timestamptz given so reads back as the same text; another form might not (a zone-less time, microseconds). */
const isoInstant = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The events of one append as a read of the database would answer them, or undefined when that is not certain. */
function recordedOf(streamId: string, events: readonly NewEvent[], result: AppendResult, recordedAt: string): RecordedEvent[] | undefined {
  const firstVersion = result.nextExpectedVersion - events.length + 1;
  const recorded: RecordedEvent[] = [];
  for (const [index, event] of events.entries()) {
    const position = result.positions[index];
    if (position === undefined || !canonicalUuid.test(event.eventId)) return undefined;
    if (event.occurredAt !== undefined && !isoInstant.test(event.occurredAt)) return undefined;
    recorded.push({
      position,
      eventId: event.eventId,
      streamId,
      streamVersion: firstVersion + index,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: asStored(event.data),
      metadata: asStored(event.metadata ?? {}) as EventMetadata,
      occurredAt: event.occurredAt ?? recordedAt,
      recordedAt,
    });
  }
  return recorded;
}

/**
 * A value as a jsonb column gives it back: the JSON text's value (dates as their text, undefined members gone), with
 * the members of every object in jsonb's order (shorter keys first, then by their UTF-8 bytes), so that a reader
 * (the feed, a document that copies the data) sees the same text whether the event came from here or from a query.
 */
export function asStored(value: unknown): unknown {
  return sortedLikeJsonb(JSON.parse(JSON.stringify(value)) as unknown);
}

/** A key of ASCII only (as many UTF-8 bytes as characters): its bytes are its UTF-16 code units, so it sorts as text without a copy as bytes. */
const asciiOnly = (key: string): boolean => Buffer.byteLength(key, 'utf8') === key.length;

function sortedLikeJsonb(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedLikeJsonb);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  // Every appended event passes here (a recorded history read is one an answer): the keys' bytes only when one needs them.
  if (keys.every(asciiOnly)) {
    keys.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    const members = value as Record<string, unknown>;
    return Object.fromEntries(keys.map((key) => [key, sortedLikeJsonb(members[key])]));
  }
  const entries = Object.entries(value).map(([key, member]) => ({ key, bytes: Buffer.from(key, 'utf8'), member }));
  entries.sort((a, b) => a.bytes.length - b.bytes.length || Buffer.compare(a.bytes, b.bytes));
  // fromEntries, as JSON.parse does, makes every key an own member (`__proto__` too); integer-like keys come first in
  // both, as JavaScript orders them.
  return Object.fromEntries(entries.map(({ key, member }) => [key, sortedLikeJsonb(member)]));
}
