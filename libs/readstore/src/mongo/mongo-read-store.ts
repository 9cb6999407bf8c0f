import { type AnyBulkWriteOperation, type Collection as MongoDocuments, type Db, MongoBulkWriteError, MongoClient, MongoServerError } from 'mongodb';
import type { Collection, Document, Filter, FindOptions, ReadStore } from '../port.ts';
import { type MongoQuery, queryOf, sortBrackets, storedField } from './mongo-query.ts';
import { fromStored, toStored } from './stored-keys.ts';

type Stored = { _id: string } & Record<string, unknown>;

const duplicateKey = 11000;

const onlyDuplicateKeys = (error: unknown): boolean => {
  if (error instanceof MongoBulkWriteError) {
    const writeErrors = [error.writeErrors].flat();
    return writeErrors.length > 0 && writeErrors.every((writeError) => writeError.code === duplicateKey);
  }
  return error instanceof MongoServerError && error.code === duplicateKey;
};

class MongoCollection<Doc extends Document> implements Collection<Doc> {
  private readonly stored: MongoDocuments<Stored>;
  constructor(db: Db, name: string) {
    this.stored = db.collection<Stored>(name);
  }

  async get(id: string): Promise<Doc | undefined> {
    const found = await this.stored.findOne({ _id: id });
    return found === null ? undefined : fromStored<Doc>(found);
  }

  async put(doc: Doc): Promise<void> {
    const stored = toStored(doc) as Stored;
    const replace = () => this.stored.replaceOne({ _id: doc.id }, stored, { upsert: true });
    try {
      await replace();
    } catch (error) {
      // Two upserts of a new id can both try the insert; the loser finds the document on its second try.
      if (!(error instanceof MongoServerError && error.code === duplicateKey)) throw error;
      await replace();
    }
  }

  async putMany(docs: Doc[]): Promise<void> {
    // The last document of an id wins, as in a series of puts.
    const byId = new Map(docs.map((doc) => [doc.id, doc]));
    if (byId.size === 0) return;
    const replacements: Array<AnyBulkWriteOperation<Stored>> = [...byId.values()].map((doc) => ({
      replaceOne: { filter: { _id: doc.id }, replacement: toStored(doc) as Stored, upsert: true },
    }));
    const write = () => this.stored.bulkWrite(replacements, { ordered: false });
    try {
      await write();
    } catch (error) {
      // As in `put`: an upsert that lost the race to insert a new id finds the document on the second try.
      if (!onlyDuplicateKeys(error)) throw error;
      await write();
    }
  }

  async delete(id: string): Promise<void> {
    await this.stored.deleteOne({ _id: id });
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<Doc[]> {
    const limit = options.limit ?? 100;
    // MongoDB reads a limit of 0 as "no limit".
    if (limit <= 0) return [];
    const query = queryOf(filter, options.afterId);
    if (!options.sort) return this.read(query, { _id: 1 }, limit);
    const field = storedField(options.sort.field);
    const direction = options.sort.direction === 'desc' ? -1 : 1;
    const found: Doc[] = [];
    for (const bracket of sortBrackets(field, options.sort.direction === 'desc' ? 'desc' : 'asc')) {
      const inBracket = Object.keys(query).length === 0 ? bracket : { $and: [query, bracket] };
      // Ties go by id ascending, unless the sort is on the id itself.
      const order: Record<string, 1 | -1> = field === '_id' ? { _id: direction } : { [field]: direction, _id: 1 };
      found.push(...(await this.read(inBracket, order, limit - found.length)));
      if (found.length >= limit) break;
    }
    return found;
  }

  private async read(query: MongoQuery, sort: Record<string, 1 | -1>, limit: number): Promise<Doc[]> {
    // oxlint-disable-next-line unicorn/no-array-sort -- a MongoDB cursor's sort, not an array's
    const stored = await this.stored.find(query).sort(sort).limit(limit).toArray();
    return stored.map((doc) => fromStored<Doc>(doc));
  }

  async count(filter: Filter = {}): Promise<number> {
    return this.stored.countDocuments(queryOf(filter));
  }

  async ensureIndex(field: string): Promise<void> {
    const stored = storedField(field);
    if (stored === '_id') return;
    await this.stored.createIndex({ [stored]: 1 });
  }
}

export interface MongoReadStoreOptions {
  /** Prefix of the MongoDB collection names; a replay uses another one so that it never touches the live models. */
  collectionPrefix?: string;
}

const collectionName = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,100}$/;

function checkedCollection(name: string): string {
  if (!collectionName.test(name) || name.startsWith('system.')) throw new Error(`read store: unsupported collection name ${JSON.stringify(name)}`);
  return name;
}

/** Read models as documents in MongoDB collections, one per read-store collection. The Db belongs to the caller. */
export async function mongoReadStore(db: Db, options: MongoReadStoreOptions = {}): Promise<ReadStore> {
  const prefix = options.collectionPrefix ?? '';
  if (prefix !== '') checkedCollection(prefix);
  const mongoName = (name: string) => checkedCollection(`${prefix}${name}`);
  return {
    collection: <Doc extends Document>(name: string) => new MongoCollection<Doc>(db, mongoName(name)),
    async collections() {
      const listed = await db.listCollections({}, { nameOnly: true }).toArray();
      const names: string[] = [];
      for (const { name } of listed) {
        if (!name.startsWith(prefix) || name.startsWith('system.')) continue;
        // An emptied collection, or one that only has indexes, holds no documents: the jsonb adapter does not list it.
        if ((await db.collection(name).findOne({}, { projection: { _id: 1 } })) !== null) names.push(name.slice(prefix.length));
      }
      return names.toSorted();
    },
    async drop(names) {
      // Documents go, indexes stay: the projection's setup is not run again before it refills them.
      for (const name of names) await db.collection(mongoName(name)).deleteMany({});
    },
    async close() {
      // The client belongs to whoever opened it.
    },
  };
}

export interface MongoConnection extends MongoReadStoreOptions {
  /** `mongodb://host:port`, as MONGO_URL gives it. */
  url: string;
  database: string;
}

/** A read store with a client of its own, closed with the store: what a service process uses. */
export async function openMongoReadStore(connection: MongoConnection): Promise<ReadStore> {
  const client = new MongoClient(connection.url);
  await client.connect();
  const store = await mongoReadStore(client.db(connection.database), connection);
  return { ...store, close: () => client.close() };
}
