export * from './port.ts';
export { sqlReadStore, type SqlReadStoreOptions } from './sql/sql-read-store.ts';
export { projectionConsumer } from './projection-consumer.ts';
export { everyDocument } from './every-document.ts';
