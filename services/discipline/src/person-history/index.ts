// A person's history (SPEC 7) and the record of who read it (SPEC 8), as one feature: the decider that records a
// read, the read models (the history now and its versions for as-of reads; the recorded reads), the queries and
// the routes.
export * from './domain/record-read.ts';
export * from './complaint-track.ts';
export * from './ladder-snapshot.ts';
export * from './projection.ts';
export * from './reads-projection.ts';
export * from './query.ts';
export { historyRoutes } from './routes.ts';
