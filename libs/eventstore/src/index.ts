export * from './port.ts';
export { pollingSubscription, appendSignal, type Wakeable } from './polling-subscription.ts';
export { SqlEventStore, type SqlEventStoreOptions } from './sql/sql-event-store.ts';
export { migrateEventStore } from './sql/schema.ts';
export * from './command-handler.ts';
export { deterministicId } from './deterministic-ids.ts';
export { groupCommit, type GroupCommit, type Settled } from './group-commit.ts';
