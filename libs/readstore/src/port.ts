import type { RecordedEvent, ServiceName } from '@ledger/events';
import type { SqlWrite } from '@ledger/sql';

/** A JSON document with a string id. */
export type Document = { id: string } & Record<string, unknown>;

/** A document named by its collection and id, which may not exist. */
export interface DocumentRef {
  collection: string;
  id: string;
}

type Scalar = string | number | boolean | null;
/** A MongoDB-compatible subset: equality on a top-level field, or comparison operators. */
export type FieldCondition = Scalar | { $in?: Scalar[]; $ne?: Scalar; $lt?: Scalar; $lte?: Scalar; $gt?: Scalar; $gte?: Scalar; $exists?: boolean };
export type Filter = Record<string, FieldCondition>;

export interface FindOptions {
  /** At most this many documents (default 100). */
  limit?: number;
  /** One top-level field and direction; ties (and the default order) go by id ascending. */
  sort?: { field: string; direction: 'asc' | 'desc' };
  /** Keyset pagination on id: documents with an id greater than this (only with the default order). */
  afterId?: string;
}

export interface Collection<Doc extends Document = Document> {
  get(id: string): Promise<Doc | undefined>;
  /** Inserts or replaces the whole document. */
  put(doc: Doc): Promise<void>;
  /** Inserts or replaces each document, as `put` does one, in as few round trips as the adapter can; of two with one id, the later wins. */
  putMany(docs: Doc[]): Promise<void>;
  delete(id: string): Promise<void>;
  find(filter?: Filter, options?: FindOptions): Promise<Doc[]>;
  count(filter?: Filter): Promise<number>;
  /** Makes filters and sorts on these top-level fields fast. Idempotent. */
  ensureIndex(field: string): Promise<void>;
}

/** A small document store for read models: MongoDB or PostgreSQL/PGlite jsonb behind one contract. */
export interface ReadStore {
  collection<Doc extends Document = Document>(name: string): Collection<Doc>;
  /** Names of the collections that hold documents. */
  collections(): Promise<string[]>;
  /** Removes every document of the named collections (a replay starts from nothing). */
  drop(names: readonly string[]): Promise<void>;
  close(): Promise<void>;
  /**
   * A unit of work on this store, where the adapter has one of its own (use `unitOfWorkOn`, which falls back to
   * the generic one): a view whose writes are held in memory until `commit`.
   */
  unitOfWork?(): UnitOfWork;
}

/**
 * The writes of a batch of events, held in memory and stored at once. Its `store` is a view of the read store:
 * `get` sees the unit's own writes; `find` and `count` see them too (the adapter writes what they depend on
 * first, inside its transaction where it has one). Nothing is visible to other readers before `commit`.
 */
export interface UnitOfWork {
  readonly store: ReadStore;
  /**
   * Stores every held write, all or nothing where the adapter can (SQL: one statement, or one transaction).
   * `alongWith` is a write of the same database that must commit with them (the bus's checkpoint): answers true
   * when it did, false when the adapter could not take it (another database, no transactions), and then the
   * caller makes it itself, after this commit.
   */
  commit(alongWith?: SqlWrite): Promise<boolean>;
  /** Drops the held writes, and rolls back any that a query had to write early. */
  abandon(): Promise<void>;
  /**
   * Reads the named documents at once (SQL: one statement, shared by the units that ask in the same turn), so that
   * the unit's `get` of each answers without a round trip until the commit, a missing one too. Only documents
   * that nobody else writes while the unit is open (a consumer's own). Absent where the adapter has no such read.
   */
  prefetch?(refs: readonly DocumentRef[]): Promise<void>;
}

/**
 * A read model kept from events. `apply` must be idempotent by event: at-least-once delivery means it sees
 * some events twice (use `alreadyApplied`/`markApplied` below or an equivalent).
 * Live, it runs as a bus consumer; the auditor's replay runs the same `apply` into a fresh store.
 */
export interface Projection {
  readonly name: string;
  readonly services: readonly ServiceName[];
  /**
   * The event types `apply` does anything with, all of them of `services`: the bus hands it no other (and, with
   * none handed, writes no checkpoint for it). Every event of another type of these services must leave the
   * read model as it is, since the auditor's replay offers them all. Absent: every type of `services`.
   */
  readonly eventTypes?: readonly string[];
  readonly collections: readonly string[];
  /** Creates indexes; called once before the first event. */
  setup?(store: ReadStore): Promise<void>;
  apply(event: RecordedEvent, store: ReadStore): Promise<void>;
  /**
   * The documents `apply` will `get` for this event, as far as the event tells (issue 9): the bus's consumer reads
   * those of a whole batch in one statement before applying it, instead of one read per event. A hint only: a
   * document it leaves out is read when `get` asks, one it names and `apply` does not read costs a row. Absent:
   * every read goes to the store when asked.
   */
  documentsOf?(event: RecordedEvent): readonly DocumentRef[];
}

/**
 * Per-document bookkeeping of the last version applied from each source stream. Streams are delivered in
 * order on both buses (Kafka orders by key = stream id), so an event at or below the recorded version of
 * its stream is a redelivery.
 */
export interface AppliedVersions {
  _applied?: Record<string, number>;
}

export function alreadyApplied(doc: AppliedVersions | undefined, event: Pick<RecordedEvent, 'streamId' | 'streamVersion'>): boolean {
  const versions = doc?._applied;
  // Own fields only: a stream id such as "constructor" must not find Object.prototype's.
  const applied = versions !== undefined && Object.hasOwn(versions, event.streamId) ? versions[event.streamId] : undefined;
  return applied !== undefined && event.streamVersion <= applied;
}

/**
 * A copy of `doc` with the event's version recorded. `_applied` is made without a prototype: keyed by stream ids,
 * every one of them new, an ordinary object would take a hidden class of its own per document (the replay spent
 * more time there than in the read model's own code); one without a prototype is a plain table from the start.
 * JSON writes it as any object, so every store keeps and gives back the same.
 */
export function markApplied<Doc extends AppliedVersions>(doc: Doc, event: Pick<RecordedEvent, 'streamId' | 'streamVersion'>): Doc {
  return { ...doc, _applied: appliedVersionsWith(doc._applied, event) };
}

/**
 * The table markApplied writes, for a read model that builds its document anew on every event: `_applied:
 * appliedVersionsWith(existing?._applied, event)` in the document's literal spares the copy of the whole document
 * that markApplied makes (the replay's busiest read models took three such copies an event; issue 9).
 */
export function appliedVersionsWith(versions: Record<string, number> | undefined, event: Pick<RecordedEvent, 'streamId' | 'streamVersion'>): Record<string, number> {
  const applied = copyOfApplied(versions);
  applied[event.streamId] = event.streamVersion;
  return applied;
}

/**
 * A copy of a table of versions, without a prototype. Copied key by key: `Object.assign` onto such an object took
 * about four times as long (V8 has no fast path for a dictionary target), and it runs on every event a read model takes.
 */
function copyOfApplied(versions: Record<string, number> | undefined): Record<string, number> {
  const copy = Object.create(null) as Record<string, number>;
  if (versions === undefined) return copy;
  const streams = Object.keys(versions);
  for (let i = 0; i < streams.length; i++) copy[streams[i]!] = versions[streams[i]!]!;
  return copy;
}
