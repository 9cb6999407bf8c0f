export * from './domain/index.ts';
export * from './streams.ts';
export { periodInputsProjection } from './projections/period-inputs.ts';
export { publishedRankingsProjection } from './projections/published-rankings.ts';
export { rankingsModule, rankingsProjections, type RankingsModuleOptions } from './module.ts';
export { readPeriodInputs, type StoredPeriodInputs } from './projections/read-period-inputs.ts';
