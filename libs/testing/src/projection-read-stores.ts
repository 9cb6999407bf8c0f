import { randomBytes } from 'node:crypto';
import type { RecordedEvent } from '@ledger/events';
import { type Projection, type ReadStore, sqlReadStore } from '@ledger/readstore';
import { openMongoReadStore } from '@ledger/readstore/mongo';
import { connectPostgres, openPglite } from '@ledger/sql';
import { afterAll, beforeAll, describe } from 'vitest';
import { findEngine } from './engines.ts';
import { freshPostgresDatabase } from './postgres.ts';
import type { ReadStoreUnderTest } from './read-store-contract.ts';

export interface NamedReadStore {
  name: string;
  open(): Promise<ReadStoreUnderTest>;
}

/**
 * Every read store a projection runs on, for its tests: embedded PGlite always; PostgreSQL (a fresh
 * database, dropped afterwards) and MongoDB (a fresh database, `collections` emptied afterwards) when
 * their engines are found.
 */
export async function projectionReadStores(collections: readonly string[]): Promise<NamedReadStore[]> {
  const [postgres, mongo] = [await findEngine('postgres'), await findEngine('mongo')];
  const readStores: NamedReadStore[] = [
    { name: 'embedded PGlite', open: async () => { const sql = await openPglite(); return { store: await sqlReadStore(sql), dispose: () => sql.close() }; } },
  ];
  if (postgres.available) {
    readStores.push({
      name: 'PostgreSQL',
      async open() {
        const database = await freshPostgresDatabase(postgres.url);
        const sql = connectPostgres({ connectionString: database.url, maxConnections: 2 });
        return { store: await sqlReadStore(sql), dispose: async () => { await sql.close(); await database.drop(); } };
      },
    });
  }
  if (mongo.available) {
    readStores.push({
      name: 'MongoDB',
      async open() {
        const store = await openMongoReadStore({ url: mongo.url, database: `ledger_test_${randomBytes(6).toString('hex')}` });
        return { store, dispose: async () => { await store.drop(collections); await store.close(); } };
      },
    });
  }
  return readStores;
}

/** What a projection's tests work with on one read store. */
export interface ProjectionUnderTest {
  /** The read store, open while the tests run. */
  readonly store: ReadStore;
  /** Applies the events to the read store in the order given, as the bus would deliver them. */
  apply(...events: RecordedEvent[]): Promise<void>;
}

/**
 * The same tests of a projection on every read store it runs on: one describe block each, `<title> on <store>`,
 * with the store opened before its tests and disposed after them.
 */
export async function describeProjectionOnEveryReadStore(title: string, projection: Projection, tests: (under: ProjectionUnderTest) => void): Promise<void> {
  for (const { name, open } of await projectionReadStores(projection.collections)) {
    describe(`${title} on ${name}`, () => {
      let opened: ReadStoreUnderTest | undefined;
      beforeAll(async () => {
        opened = await open();
      });
      afterAll(async () => opened?.dispose());
      const store = () => {
        if (!opened) throw new Error('the read store is opened before the tests run');
        return opened.store;
      };
      tests({
        get store() {
          return store();
        },
        async apply(...events) {
          for (const event of events) await projection.apply(event, store());
        },
      });
    });
  }
}
