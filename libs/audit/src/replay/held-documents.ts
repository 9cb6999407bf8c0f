import type { Collection, Document, Filter, FindOptions, ReadStore } from '@ledger/readstore';

/** What the replay knows of one id: its document as JSON text, or null when the store holds none. */
type Known = string | null;

export interface HeldDocumentsOptions {
  /**
   * Documents kept in memory across batches, all collections together. Past it, a flush forgets the documents
   * it just stored, and later reads of them go to the store again: memory stays bounded on any ledger.
   */
  maxDocuments?: number;
}

/**
 * The replay's view of its target store (SPEC 7 "Replay"): documents are read from the store once, then held in
 * memory as JSON text, so each `get` is a parse and each `put` a stringify, with no round trip; `flush` stores
 * every document changed since the last flush with one bulk upsert per collection. A `find` or `count` stores its
 * collection's changes first and asks the store, so a read model that queries sees what it wrote.
 *
 * The same JSON text round trip as the live unit of work (`HeldWrites`): a projection reads back exactly the
 * normalisation it would read live between two batches. Collections that were empty when the replay started
 * are known whole, so a miss there costs nothing.
 */
export class HeldDocuments {
  readonly store: ReadStore;
  private readonly target: ReadStore;
  private readonly maxDocuments: number;
  private readonly known = new Map<string, Map<string, Known>>();
  private readonly changed = new Map<string, Set<string>>();
  /** Collections whose every document is in `known` (empty at the start, never forgotten since). */
  private readonly whole = new Set<string>();
  private held = 0;

  constructor(target: ReadStore, options: HeldDocumentsOptions = {}) {
    this.target = target;
    this.maxDocuments = options.maxDocuments ?? 1_000_000;
    const collectionOf = <Doc extends Document>(name: string): Collection<Doc> => this.collection<Doc>(name);
    this.store = {
      collection: collectionOf,
      collections: async () => {
        await this.flush();
        return target.collections();
      },
      drop: () => Promise.reject(new Error('replay: a read model cannot drop collections while it is replayed')),
      close: async () => {},
    };
  }

  /** Marks the collections that hold no document in the target as known whole. */
  async startWith(collections: readonly string[]): Promise<void> {
    for (const name of collections) if ((await this.target.collection(name).count()) === 0) this.whole.add(name);
  }

  /** Documents changed since the last flush. */
  get pending(): number {
    let count = 0;
    for (const ids of this.changed.values()) count += ids.size;
    return count;
  }

  /** Stores every changed document (one bulk upsert per collection, then the deletes), or those of one collection. */
  async flush(collection?: string): Promise<void> {
    const names = collection === undefined ? [...this.changed.keys()] : [collection];
    for (const name of names) {
      const ids = this.changed.get(name);
      if (!ids || ids.size === 0) continue;
      const known = this.known.get(name)!;
      const puts: Document[] = [];
      const deletes: string[] = [];
      for (const id of ids) {
        const json = known.get(id);
        if (json === null || json === undefined) deletes.push(id);
        else puts.push(JSON.parse(json) as Document);
      }
      this.changed.delete(name);
      const target = this.target.collection(name);
      if (puts.length > 0) await target.putMany(puts);
      for (const id of deletes) await target.delete(id);
    }
    if (collection === undefined && this.held > this.maxDocuments) {
      this.known.clear();
      this.whole.clear();
      this.held = 0;
    }
  }

  private knownOf(name: string): Map<string, Known> {
    let known = this.known.get(name);
    if (!known) this.known.set(name, (known = new Map()));
    return known;
  }

  private remember(name: string, id: string, json: Known, changed: boolean): void {
    const known = this.knownOf(name);
    if (!known.has(id)) this.held += 1;
    known.set(id, json);
    if (changed) {
      let ids = this.changed.get(name);
      if (!ids) this.changed.set(name, (ids = new Set()));
      ids.add(id);
    }
  }

  private collection<Doc extends Document>(name: string): Collection<Doc> {
    const base = () => this.target.collection<Doc>(name);
    const beforeQuery = () => this.flush(name);
    return {
      get: async (id) => {
        const json = this.known.get(name)?.get(id);
        if (json !== undefined) return json === null ? undefined : (JSON.parse(json) as Doc);
        if (this.whole.has(name)) return undefined;
        const stored = await base().get(id);
        this.remember(name, id, stored === undefined ? null : JSON.stringify(stored), false);
        return stored;
      },
      put: async (doc) => this.remember(name, doc.id, JSON.stringify(doc), true),
      putMany: async (docs) => {
        for (const doc of docs) this.remember(name, doc.id, JSON.stringify(doc), true);
      },
      delete: async (id) => this.remember(name, id, null, true),
      find: async (filter?: Filter, options?: FindOptions) => {
        await beforeQuery();
        return base().find(filter, options);
      },
      count: async (filter?: Filter) => {
        await beforeQuery();
        return base().count(filter);
      },
      ensureIndex: (field) => base().ensureIndex(field),
    };
  }
}
