// The SQL adapter of the event store: PostgreSQL and embedded PGlite through @ledger/sql.
export { SqlEventStore, type SqlEventStoreOptions } from './sql-event-store.ts';
export { migrateEventStore } from './schema.ts';
