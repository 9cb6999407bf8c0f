// A subpath of its own (`@ledger/readstore/mongo`), so that the embedded host never loads the driver.
export { type MongoConnection, type MongoReadStoreOptions, mongoReadStore, openMongoReadStore } from './mongo-read-store.ts';
