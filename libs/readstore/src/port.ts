import type { RecordedEvent, ServiceName } from '@ledger/events';

/** A JSON document with a string id. */
export type Document = { id: string } & Record<string, unknown>;

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
}

/**
 * A read model kept from events. `apply` must be idempotent by event: at-least-once delivery means it sees
 * some events twice (use `alreadyApplied`/`markApplied` below or an equivalent).
 * Live, it runs as a bus consumer; the auditor's replay runs the same `apply` into a fresh store.
 */
export interface Projection {
  readonly name: string;
  readonly services: readonly ServiceName[];
  readonly collections: readonly string[];
  /** Creates indexes; called once before the first event. */
  setup?(store: ReadStore): Promise<void>;
  apply(event: RecordedEvent, store: ReadStore): Promise<void>;
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
  const applied = doc?._applied?.[event.streamId];
  return applied !== undefined && event.streamVersion <= applied;
}

export function markApplied<Doc extends AppliedVersions>(doc: Doc, event: Pick<RecordedEvent, 'streamId' | 'streamVersion'>): Doc {
  return { ...doc, _applied: { ...doc._applied, [event.streamId]: event.streamVersion } };
}
