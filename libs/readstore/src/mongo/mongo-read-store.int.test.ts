import { randomBytes } from 'node:crypto';
import { findEngine, readStoreContract } from '@ledger/testing';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mongoReadStore, openMongoReadStore } from './mongo-read-store.ts';

const mongo = await findEngine('mongo');

/** A database of its own for this test file, dropped afterwards. */
const freshDatabaseName = () => `ledger_test_${randomBytes(6).toString('hex')}`;

if (mongo.available) {
  readStoreContract('documents on MongoDB (wire protocol)', async () => {
    const client = await new MongoClient(mongo.url).connect();
    const db = client.db(freshDatabaseName());
    return {
      store: await mongoReadStore(db),
      async dispose() {
        await db.dropDatabase();
        await client.close();
      },
    };
  });
}

describe.skipIf(!mongo.available)('the MongoDB read store', () => {
  let client: MongoClient;
  const database = freshDatabaseName();
  beforeAll(async () => {
    client = await new MongoClient(mongo.available ? mongo.url : '').connect();
  });
  afterAll(async () => {
    await client?.db(database).dropDatabase();
    await client?.close();
  });

  it('keeps stores with different collection prefixes apart in one database (the replay target beside the live one)', async () => {
    const live = await mongoReadStore(client.db(database), { collectionPrefix: 'live_' });
    const replay = await mongoReadStore(client.db(database), { collectionPrefix: 'replay_' });
    await live.collection('complaints').put({ id: 'c-1', status: 'filed' });
    await replay.collection('complaints').put({ id: 'c-1', status: 'closed' });
    await replay.drop(['complaints']);
    expect(await live.collection('complaints').get('c-1')).toEqual({ id: 'c-1', status: 'filed' });
    expect(await live.collections()).toEqual(['complaints']);
    expect(await replay.collections()).toEqual([]);
  });

  it('stores the id as _id and escapes only the keys MongoDB would misread', async () => {
    const store = await mongoReadStore(client.db(database));
    await store.collection('raw').put({ id: 'p-1', plain: 1, _applied: { 'complaint-a.b': 2 } });
    const raw = await client.db(database).collection('raw').findOne({ _id: 'p-1' as never });
    expect(raw).toEqual({ _id: 'p-1', plain: 1, _applied: { 'complaint-a%2Eb': 2 } });
  });

  it('refuses collection names MongoDB cannot hold', async () => {
    const store = await mongoReadStore(client.db(database));
    expect(() => store.collection('a$b')).toThrow(/unsupported collection name/);
    expect(() => store.collection('system.users')).toThrow(/unsupported collection name/);
  });

  it('opens a client of its own from a URL and closes it with the store', async () => {
    const store = await openMongoReadStore({ url: mongo.available ? mongo.url : '', database, collectionPrefix: 'own_' });
    await store.collection('things').put({ id: 't', n: 1 });
    await store.close();
    await expect(store.collection('things').get('t')).rejects.toThrow();
  });
});
