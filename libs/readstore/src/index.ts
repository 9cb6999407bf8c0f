export * from './port.ts';
export { sqlReadStore, type SqlReadStoreOptions } from './sql/sql-read-store.ts';
// The one statement by which the SQL store reads documents by ref (its benchmark measures this, not a copy).
export { readDocuments, type ReadDocuments } from './sql/document-reads.ts';
export { projectionConsumer, type ProjectionConsumer } from './projection-consumer.ts';
export { genericUnitOfWork, unitOfWorkOn } from './unit-of-work.ts';
export { everyDocument } from './every-document.ts';
export { keysetPage } from './keyset-page.ts';
export { MemoryReadStore, type MemoryDocuments, memoryReadStore, compareCodePoints } from './memory/memory-read-store.ts';
