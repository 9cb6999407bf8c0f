/**
 * SPEC 6 rating statistics, pure (domain code may import it): the evaluations service answers them per
 * month, the discipline service shows them in a department's accountability, the rankings service scores
 * with the rating index; all count the same way.
 */
export * from './rating-index.ts';
export * from './statistics.ts';
export * from './rating-fact.ts';
export * from './rating-period.ts';
