import type { SqlWrite } from '@ledger/sql';
import type { Collection, Document, Filter, FindOptions, ReadStore, UnitOfWork } from './port.ts';

/**
 * The writes a unit of work holds: per collection, the last thing done to each id, the document as JSON text
 * (what the store will hold, and a fresh copy for every `get`, as a store gives) or null for a delete. Beneath
 * them, what the unit knows the store holds (prefetched, or written by it already), in the same form.
 */
export class HeldWrites {
  private readonly byCollection = new Map<string, Map<string, string | null>>();
  private readonly known = new Map<string, Map<string, string | null>>();

  put(collection: string, doc: Document): void {
    this.of(collection).set(doc.id, JSON.stringify(doc));
  }

  delete(collection: string, id: string): void {
    this.of(collection).set(id, null);
  }

  /** What the store holds under an id, as JSON text, or null for none: `get` answers it until the unit writes the id. */
  remember(collection: string, id: string, json: string | null): void {
    let known = this.known.get(collection);
    if (!known) this.known.set(collection, (known = new Map()));
    known.set(id, json);
  }

  /** Whether `get` answers the id without the store. */
  knows(collection: string, id: string): boolean {
    return this.byCollection.get(collection)?.has(id) === true || this.known.get(collection)?.has(id) === true;
  }

  /** The held or known document (undefined when deleted or known missing), or `missing` when the unit knows nothing of the id. */
  get<Doc extends Document>(collection: string, id: string): Doc | undefined | typeof missing {
    const writes = this.byCollection.get(collection);
    // A held delete (null) hides what the store holds.
    const held = writes?.has(id) ? writes.get(id) : this.known.get(collection)?.get(id);
    if (held === undefined) return missing;
    return held === null ? undefined : (JSON.parse(held) as Doc);
  }

  has(collection: string): boolean {
    return (this.byCollection.get(collection)?.size ?? 0) > 0;
  }

  get isEmpty(): boolean {
    return [...this.byCollection.values()].every((writes) => writes.size === 0);
  }

  /** Takes the held writes of one collection (or of all), leaving none held; the unit knows them as the store's from then on. */
  take(collection?: string): Array<{ collection: string; puts: Array<{ id: string; json: string }>; deletes: string[] }> {
    const names = collection === undefined ? [...this.byCollection.keys()] : [collection];
    const taken = [];
    for (const name of names) {
      const writes = this.byCollection.get(name);
      if (!writes || writes.size === 0) continue;
      const puts: Array<{ id: string; json: string }> = [];
      const deletes: string[] = [];
      for (const [id, json] of writes) {
        if (json === null) deletes.push(id);
        else puts.push({ id, json });
        this.remember(name, id, json);
      }
      taken.push({ collection: name, puts, deletes });
      this.byCollection.delete(name);
    }
    return taken;
  }

  clear(): void {
    this.byCollection.clear();
    this.known.clear();
  }

  private of(collection: string): Map<string, string | null> {
    let writes = this.byCollection.get(collection);
    if (!writes) this.byCollection.set(collection, (writes = new Map()));
    return writes;
  }
}

export const missing: unique symbol = Symbol('not held');

/**
 * A collection of a unit of work: writes go to `held`; `get` answers from them first; `find` and `count` first
 * have `beforeQuery` store what they depend on, then ask the store (`base`, which may change once they did).
 */
export class HeldCollection<Doc extends Document> implements Collection<Doc> {
  private readonly name: string;
  private readonly held: HeldWrites;
  private readonly base: () => Collection<Doc>;
  private readonly beforeQuery: (collection: string) => Promise<void>;

  constructor(name: string, held: HeldWrites, base: () => Collection<Doc>, beforeQuery: (collection: string) => Promise<void>) {
    this.name = name;
    this.held = held;
    this.base = base;
    this.beforeQuery = beforeQuery;
  }

  async get(id: string): Promise<Doc | undefined> {
    const held = this.held.get<Doc>(this.name, id);
    return held === missing ? this.base().get(id) : held;
  }

  async put(doc: Doc): Promise<void> {
    this.held.put(this.name, doc);
  }

  async putMany(docs: Doc[]): Promise<void> {
    for (const doc of docs) this.held.put(this.name, doc);
  }

  async delete(id: string): Promise<void> {
    this.held.delete(this.name, id);
  }

  async find(filter?: Filter, options?: FindOptions): Promise<Doc[]> {
    await this.beforeQuery(this.name);
    return this.base().find(filter, options);
  }

  async count(filter?: Filter): Promise<number> {
    await this.beforeQuery(this.name);
    return this.base().count(filter);
  }

  ensureIndex(field: string): Promise<void> {
    return this.base().ensureIndex(field);
  }
}

/** A read store's view for a unit of work: its collections hold their writes; the rest is the store's. */
export function heldView(store: ReadStore, collectionOf: <Doc extends Document>(name: string) => Collection<Doc>): ReadStore {
  return {
    collection: collectionOf,
    collections: () => store.collections(),
    drop: () => Promise.reject(new Error('read store: a unit of work cannot drop collections')),
    close: async () => {},
  };
}

/**
 * The unit of work of a store without one of its own (MongoDB here: no transactions): writes are held, and
 * stored per collection with `putMany` at commit; a `find` or `count` stores its collection's writes first.
 * Not atomic across collections, and it never takes a write of another database along.
 */
export function genericUnitOfWork(store: ReadStore): UnitOfWork {
  const held = new HeldWrites();
  const flush = async (collection?: string) => {
    for (const { collection: name, puts, deletes } of held.take(collection)) {
      const target = store.collection(name);
      if (puts.length > 0) await target.putMany(puts.map(({ json }) => JSON.parse(json) as Document));
      for (const id of deletes) await target.delete(id);
    }
  };
  return {
    store: heldView(store, <Doc extends Document>(name: string) => new HeldCollection<Doc>(name, held, () => store.collection<Doc>(name), flush)),
    async commit(_alongWith?: SqlWrite) {
      await flush();
      return false;
    },
    async abandon() {
      held.clear();
    },
  };
}

/** The store's own unit of work, or the generic one. */
export function unitOfWorkOn(store: ReadStore): UnitOfWork {
  return store.unitOfWork?.() ?? genericUnitOfWork(store);
}
