export * from './events.ts';
export * from './policy/index.ts';
export * from './ladder/index.ts';
export * from './apologies/index.ts';
export * from './inputs/complaint-facts.ts';
export * from './deciders.ts';
export * from './bottom-rank/carry-out.ts';
