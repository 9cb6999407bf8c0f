export * from './state.ts';
export * from './support.ts';
export * from './ids.ts';
export * from './count-finding.ts';
export * from './carry-out.ts';
export * from './read.ts';
export * from './decide-referral.ts';
