export * from './registry.ts';
export * from './ratings.ts';
export * from './annual-evaluation.ts';
export * from './policy.ts';
export * from './statistics.ts';
export * from './bulletins.ts';
