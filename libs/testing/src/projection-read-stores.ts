import { randomBytes } from 'node:crypto';
import { sqlReadStore } from '@ledger/readstore';
import { openMongoReadStore } from '@ledger/readstore/mongo';
import { connectPostgres, openPglite } from '@ledger/sql';
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
