export * from './engines.ts';
export * from './postgres.ts';
export * from './event-store-contract.ts';
export * from './read-store-contract.ts';
export * from './counting-sql.ts';
export * from './sample-events.ts';
export * from './documents-of.ts';
